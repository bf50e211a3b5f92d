import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Lazy routes compile on first use under vitest; give findBy* room for it
// on a slow machine.
configure({ asyncUtilTimeout: 4000 });

afterEach(() => {
  cleanup();
});
