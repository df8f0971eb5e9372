/**
 * The fields that describe a person in request bodies (a hire, a leaver, a tech lead, a peer
 * guide), each one decorator that states the OpenAPI facts and the class-validator rules together,
 * so every body accepts and documents a name, an email and a language the same way.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** The languages of the emails and pages. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Surrounding spaces are not part of a value. */
export const trimmed = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

const lowerCased = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

/** A display name or subject: trimmed, 1 to 200 characters. */
export const PersonName = (example: string, description?: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ example, description, minLength: 1, maxLength: 200, pattern: '\\S' }),
    Transform(trimmed),
    IsString(),
    IsNotEmpty(),
    MaxLength(200),
  );

/** An email address, trimmed and lower-cased (the key that finds a person's runs). */
export const EmailAddress = (example: string, description?: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ example, description, format: 'email', maxLength: 254 }),
    Transform(lowerCased),
    IsEmail({}, { message: 'must be an email address' }),
    MaxLength(254),
  );

/** The language a person reads: `fr` or `en`. */
export const LocaleField = (description?: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ enum: LOCALES, example: 'fr', description }),
    IsIn(LOCALES, { message: `must be one of: ${LOCALES.join(', ')}` }),
  );
