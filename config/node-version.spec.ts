import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NODE_FLOOR, unsupportedNodeMessage } from './node-version';

describe('node-version', () => {
  it('has the same floor as package.json engines', () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '../package.json'), 'utf8')) as {
      engines: { node: string };
    };
    expect(pkg.engines.node).toBe(`>=${NODE_FLOOR.major}.${NODE_FLOOR.minor}`);
  });

  it.each(['24.9.0', '24.22.3', '26.12.1', '27.0.0'])('accepts %s', (version) => {
    expect(unsupportedNodeMessage(version)).toBeUndefined();
  });

  it.each(['20.20.2', '22.12.0', '24.8.1'])('refuses %s with one line naming the floor', (v) => {
    const message = unsupportedNodeMessage(v);
    expect(message).toContain('Node.js >= 24.9');
    expect(message).toContain(`v${v}`);
    expect(message?.split('\n')).toHaveLength(1);
  });
});
