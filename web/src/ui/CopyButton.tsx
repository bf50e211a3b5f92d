import { useEffect, useState } from 'react';
import { Button } from './Button';

export interface CopyButtonProps {
  text: string;
  label?: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

// CopyButton puts text on the clipboard and says so for a few seconds.
export function CopyButton({ text, label = 'Copy' }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 3000);
    return () => clearTimeout(t);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <>
      <Button variant="secondary" onClick={copy}>
        {state === 'copied' ? 'Copied' : label}
      </Button>
      <span className="copy-status" role="status">
        {state === 'copied' ? 'Copied to the clipboard.' : state === 'failed' ? 'Copying failed: select the text and copy it by hand.' : ''}
      </span>
    </>
  );
}
