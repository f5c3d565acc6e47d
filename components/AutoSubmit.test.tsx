// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AutoSubmitCheckbox } from './AutoSubmit';

afterEach(cleanup);

describe('AutoSubmitCheckbox', () => {
  it('submits its form as soon as it changes', () => {
    const onSubmit = vi.fn((event: Event) => event.preventDefault());
    render(
      <form method="get" action="/inventory" onSubmit={(event) => onSubmit(event.nativeEvent)}>
        <AutoSubmitCheckbox id="show-packages" name="packages" value="1" defaultChecked={false} label="Afficher les packages" />
      </form>,
    );
    const checkbox = screen.getByRole('checkbox', { name: 'Afficher les packages' });
    fireEvent.click(checkbox);
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect((checkbox as HTMLInputElement).checked).toBe(true);
  });
});
