import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `nest start api|worker` compiles with tsconfig.build.json (outDir dist, rootDir the repository)
 * and runs `dist/<entryFile>.js`: each entry must name the real main file.
 */
describe('nest-cli.json', () => {
  const root = path.resolve(__dirname, '..');
  const cli = JSON.parse(readFileSync(path.join(root, 'nest-cli.json'), 'utf8')) as {
    projects: Record<string, { entryFile: string; sourceRoot: string }>;
  };

  it.each(['api', 'worker'])('points %s at its main.ts', (name) => {
    const project = cli.projects[name];
    expect(project.entryFile).toBe(`apps/${name}/src/main`);
    expect(existsSync(path.join(root, `${project.entryFile}.ts`))).toBe(true);
    expect(existsSync(path.join(root, project.sourceRoot, 'main.ts'))).toBe(true);
  });
});
