import { describe, expect, it } from 'vitest';
import { defaultWorkspaceDir, resolveWorkspaceDir } from '../../../electron/core/workspace/location.js';

describe('workspace location', () => {
  it('is the folder Electron gives the app as userData, on each platform', () => {
    expect(defaultWorkspaceDir('linux', {}, '/home/jane')).toBe('/home/jane/.config/Exhibit/workspace');
    expect(defaultWorkspaceDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/jane')).toBe('/cfg/Exhibit/workspace');
    expect(defaultWorkspaceDir('darwin', {}, '/Users/jane')).toBe('/Users/jane/Library/Application Support/Exhibit/workspace');
    expect(defaultWorkspaceDir('win32', { APPDATA: 'C:\\Users\\jane\\AppData\\Roaming' }, 'C:\\Users\\jane')).toContain('Exhibit');
  });
  it('--workspace wins over EXHIBIT_WORKSPACE, which wins over the default', () => {
    expect(resolveWorkspaceDir('/a', { EXHIBIT_WORKSPACE: '/b' })).toEqual({ dir: '/a', source: 'flag' });
    expect(resolveWorkspaceDir(undefined, { EXHIBIT_WORKSPACE: '/b' })).toEqual({ dir: '/b', source: 'env' });
    expect(resolveWorkspaceDir(undefined, {}).source).toBe('default');
  });
});
