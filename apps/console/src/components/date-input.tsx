/**
 * A date input that says the chosen day in words in the console's language ("lundi 7 décembre
 * 2026"), beside the input and tied to it by aria-describedby: Chromium shows `<input type="date">`
 * in the browser's format (mm/dd/yyyy) whatever the page's `lang`. Controlled or not.
 */
import { useState, type ChangeEvent, type InputHTMLAttributes } from 'react';
import { dateInputLang, dayInWords } from '../lib/format';
import { useI18n } from '../lib/i18n';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'lang' | 'value'> & {
  id: string;
  value?: string;
  defaultValue?: string;
};

export function DateInput({ id, value, defaultValue, onChange, ...rest }: Props) {
  const { lang } = useI18n();
  const [typed, setTyped] = useState(defaultValue ?? '');
  const day = value ?? typed;
  const wordsId = `${id}-day`;
  const describedBy = [wordsId, rest['aria-describedby']].filter(Boolean).join(' ');
  return (
    <>
      <input
        {...rest}
        id={id}
        type="date"
        lang={dateInputLang(lang)}
        {...(value === undefined ? { defaultValue } : { value })}
        onChange={(e: ChangeEvent<HTMLInputElement>) => {
          setTyped(e.target.value);
          onChange?.(e);
        }}
        aria-describedby={describedBy}
      />
      <span id={wordsId} className="hint date-words" aria-live="polite">
        {dayInWords(day, lang)}
      </span>
    </>
  );
}
