// Names for the generated schemas, so components import `User` rather
// than spelling out components['schemas']['User']. Nothing here is written
// by hand: every type comes from schema.gen.ts.
import type { components } from './schema.gen';

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];
export type User = Schemas['User'];
export type Role = User['role'];
export type Session = Schemas['Session'];
export type APIToken = Schemas['APIToken'];
export type APITokenCreated = Schemas['APITokenCreated'];
export type Team = Schemas['Team'];
export type Ticket = Schemas['Ticket'];
export type Comment = Schemas['Comment'];
export type AuditEntry = Schemas['AuditEntry'];
export type SessionResponse = Schemas['SessionResponse'];
