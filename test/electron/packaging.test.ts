import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Parsed with the YAML reader electron-builder itself uses.
const yaml = createRequire(createRequire(import.meta.url).resolve('app-builder-lib'))('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(`${root}electron-builder.yml`, 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as Record<string, unknown>;

describe('the packaged app', () => {
  it('has its Electron fuses set: no run-as-Node, no NODE_OPTIONS, no --inspect, code only from its checked app.asar', () => {
    // One place for the build configuration: electron-builder ignores package.json "build" when this file exists.
    expect(pkg.build).toBeUndefined();
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('packs the built shell, whose entry point is the one package.json names', () => {
    expect(pkg.main).toBe('dist/electron/main/main.js');
    expect(config.files).toContain('dist/**/*');
  });
});
