import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, problem, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { HomeRedirect, PublicOnly, RequireAuth, RequireRole } from './guards';

// App is a miniature route table using every guard.
function App() {
  return (
    <Routes>
      <Route element={<PublicOnly />}>
        <Route path="/login" element={<p>login form</p>} />
      </Route>
      <Route element={<RequireAuth />}>
        <Route path="/" element={<HomeRedirect />} />
        <Route path="/account" element={<p>account page</p>} />
        <Route element={<RequireRole roles={['agent', 'admin']} />}>
          <Route path="/tickets" element={<p>ticket list</p>} />
        </Route>
        <Route element={<RequireRole roles={['customer']} />}>
          <Route path="/portal" element={<p>portal</p>} />
        </Route>
      </Route>
    </Routes>
  );
}

function renderAt(route: string) {
  return renderWithProviders(<App />, { route });
}

describe('RequireAuth', () => {
  it('sends a visitor to /login with where they were going', async () => {
    mockApi();
    renderAt('/account?tab=1');
    expect(await screen.findByText('login form')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/login?next=%2Faccount%3Ftab%3D1');
  });

  it('says it is checking the session meanwhile', () => {
    mockApi().on('GET', '/api/v1/me', () => new Promise<Response>(() => {}));
    renderAt('/account');
    expect(screen.getByRole('status')).toHaveTextContent('Checking your session');
  });

  it('offers a retry when the session check fails', async () => {
    const api = mockApi();
    api.once('GET', '/api/v1/me', problem(503, 'The server is starting.'));
    signedInAs(api, makeUser());
    const { user } = renderAt('/account');
    expect(await screen.findByRole('alert')).toHaveTextContent('The server is starting.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('account page')).toBeInTheDocument();
  });
});

describe('HomeRedirect', () => {
  it.each([
    ['agent', 'ticket list'],
    ['admin', 'ticket list'],
    ['customer', 'portal'],
  ] as const)('sends an %s home', async (role, page) => {
    signedInAs(mockApi(), makeUser({ role }));
    renderAt('/');
    expect(await screen.findByText(page)).toBeInTheDocument();
  });
});

describe('RequireRole', () => {
  it('keeps a customer out of the agent workspace', async () => {
    signedInAs(mockApi(), makeUser({ role: 'customer' }));
    renderAt('/tickets');
    expect(await screen.findByText('portal')).toBeInTheDocument();
  });

  it('keeps an agent out of the portal', async () => {
    signedInAs(mockApi(), makeUser({ role: 'agent' }));
    renderAt('/portal');
    expect(await screen.findByText('ticket list')).toBeInTheDocument();
  });
});

describe('PublicOnly', () => {
  it('shows the sign-in form to a visitor', async () => {
    mockApi();
    renderAt('/login');
    expect(await screen.findByText('login form')).toBeInTheDocument();
  });

  it('sends a signed-in user on to ?next', async () => {
    signedInAs(mockApi(), makeUser({ role: 'agent' }));
    renderAt('/login?next=%2Faccount');
    expect(await screen.findByText('account page')).toBeInTheDocument();
  });

  it('sends a signed-in user home when ?next is unsafe', async () => {
    signedInAs(mockApi(), makeUser({ role: 'customer' }));
    renderAt('/login?next=https%3A%2F%2Fevil.example');
    expect(await screen.findByText('portal')).toBeInTheDocument();
  });
});
