import { useEffect, useRef, useState } from 'react';
import { useDebouncedValue } from './useDebouncedValue.js';

/**
 * Text a person types that feeds a query: the box updates at once, `onCommit` runs once typing
 * pauses for `delayMs`, and a value changed from outside (say, filters cleared) replaces the text.
 */
export function useDebouncedInput(value: string, onCommit: (text: string) => void, delayMs: number): [string, (text: string) => void] {
  const [text, setText] = useState(value);
  const settled = useDebouncedValue(text, delayMs);
  const latest = useRef({ value, onCommit });
  useEffect(() => {
    latest.current = { value, onCommit };
  });
  useEffect(() => {
    if (settled !== latest.current.value) latest.current.onCommit(settled);
  }, [settled]);
  useEffect(() => {
    setText((current) => (current === value ? current : value));
  }, [value]);
  return [text, setText];
}
