import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { installFakeWebSocket } from './socket';

// Lazy routes compile on first use under vitest; give findBy* room for it
// on a slow machine.
configure({ asyncUtilTimeout: 4000 });

// No test opens a real websocket: the signed-in shell gets a fake one.
beforeEach(() => {
  installFakeWebSocket();
});

afterEach(() => {
  cleanup();
});
