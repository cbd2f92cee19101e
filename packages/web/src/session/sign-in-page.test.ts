import { describe, expect, it } from 'vitest';
import { pathOfThisApp } from './sign-in-page';

describe('where sign-in goes back to', () => {
  it('follows a path of this app', () => {
    expect(pathOfThisApp('/my/applications/20261130-ABC?tab=history')).toBe(
      '/my/applications/20261130-ABC?tab=history',
    );
    expect(pathOfThisApp('/')).toBe('/');
  });

  it('never leaves for another site, however the address is dressed', () => {
    for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', null]) {
      expect(pathOfThisApp(next), String(next)).toBeNull();
    }
  });
});
