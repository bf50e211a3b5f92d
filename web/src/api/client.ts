import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { networkError, toApiError } from './problem';
import type { paths } from './schema.gen';

export type ApiClient = Client<paths>;

const authPrefix = '/api/v1/auth/';

// SessionRefresher renews the access cookie at most once at a time: every
// request that got a 401 meanwhile waits on the same refresh.
export class SessionRefresher {
  private pending: Promise<boolean> | null = null;
  private listeners = new Set<() => void>();

  constructor(
    private readonly baseUrl: string,
    private readonly fetchFn: typeof fetch,
  ) {}

  // refresh asks the server for a new access cookie and reports whether it
  // got one. On failure the session-expired listeners run.
  refresh(): Promise<boolean> {
    this.pending ??= this.doRefresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async doRefresh(): Promise<boolean> {
    let ok: boolean;
    try {
      const res = await this.fetchFn(new Request(`${this.baseUrl}${authPrefix}refresh`, { method: 'POST', credentials: 'include' }));
      ok = res.ok;
    } catch {
      ok = false;
    }
    if (!ok) for (const l of this.listeners) l();
    return ok;
  }

  // onExpired registers fn to run when the session cannot be renewed; it
  // returns the function that unregisters it.
  onExpired(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}

// refreshMiddleware retries a request once after renewing the session when
// it was refused with 401. The auth routes themselves are never retried:
// a 401 from login means a wrong password, not an old cookie.
export function refreshMiddleware(refresher: SessionRefresher): Middleware {
  const copies = new Map<string, Request>();
  return {
    onRequest({ request, id }) {
      if (!new URL(request.url).pathname.startsWith(authPrefix)) copies.set(id, request.clone());
      return undefined;
    },
    async onResponse({ response, id, options }) {
      const copy = copies.get(id);
      copies.delete(id);
      if (response.status !== 401 || !copy) return undefined;
      if (!(await refresher.refresh())) return undefined;
      return options.fetch(copy);
    },
    onError({ id }) {
      copies.delete(id);
      return undefined;
    },
  };
}

export interface Api {
  client: ApiClient;
  refresher: SessionRefresher;
}

// createApi builds the typed client. fetchFn defaults to a late-bound
// globalThis.fetch so tests can stub fetch after the client exists.
export function createApi(baseUrl: string, fetchFn: typeof fetch = (input, init) => globalThis.fetch(input, init)): Api {
  const refresher = new SessionRefresher(baseUrl, fetchFn);
  const client = createClient<paths>({ baseUrl, credentials: 'include', fetch: fetchFn });
  client.use(refreshMiddleware(refresher));
  return { client, refresher };
}

const origin = typeof window === 'undefined' ? 'http://localhost' : window.location.origin;

// api is the app's one client. Call it through `unwrap`:
//   const me = await unwrap(api.client.GET('/api/v1/me'));
export const api = createApi(origin);

type Result<T> = { data?: T; error?: unknown; response: Response };

// unwrap returns a call's data or throws an ApiError; a request that got
// no answer at all throws the network ApiError.
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let res: Result<T>;
  try {
    res = await call;
  } catch {
    throw networkError();
  }
  if (!res.response.ok) throw toApiError(res.error, res.response);
  return res.data as T;
}
