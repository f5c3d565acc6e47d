import { describe, expect, it } from 'vitest';
import { localName, resourceUsageCode, resourceUsageName } from './names';

describe('names in the reader’s language', () => {
  it('shows the English form to an English reader and falls back to the other form', () => {
    expect(localName('Formation', 'Training', 'en')).toBe('Training');
    expect(localName('Formation', 'Training', 'fr')).toBe('Formation');
    expect(localName('Windows Server', null, 'en')).toBe('Windows Server');
    expect(localName('Windows Server', '', 'en')).toBe('Windows Server');
  });

  it('reads a resource usage typed as a code or as its name in either language', () => {
    expect(resourceUsageCode('per_core')).toBe('per_core');
    expect(resourceUsageCode('Par cœur')).toBe('per_core');
    expect(resourceUsageCode('par coeur')).toBe('per_core');
    expect(resourceUsageCode('Per Device')).toBe('per_device');
    expect(resourceUsageCode('  ')).toBe('');
    expect(resourceUsageCode('Par licence nommée')).toBeNull();
  });

  it('names a stored code from the catalogue and shows other stored text as written', () => {
    expect(resourceUsageName('per_device', 'fr')).toBe('Par appareil');
    expect(resourceUsageName('per_device', 'en')).toBe('Per device');
    expect(resourceUsageName('Par licence nommée', 'en')).toBe('Par licence nommée');
    expect(resourceUsageName('', 'en')).toBe('');
  });
});
