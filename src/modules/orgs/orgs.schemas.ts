import Type from 'typebox';
import { SECTORS } from './sectors.ts';

const sector = Type.Union(SECTORS.map((s) => Type.Literal(s)), { messageKey: 'field.choiceInvalid' });

export const OrgInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  sector,
  /** A region code, or 'nationwide'. */
  region: Type.String({ minLength: 1, maxLength: 20 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  website: Type.Optional(Type.String({ maxLength: 300, pattern: '^https?://[^\\s]+$', messageKey: 'field.urlInvalid' })),
  capabilities: Type.Array(Type.String({ pattern: '^[0-9]{1,9}$' }), { maxItems: 50 }),
  capabilityNote: Type.Optional(Type.String({ maxLength: 1000 })),
});

export const DirectoryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  sector: Type.Optional(sector),
  region: Type.Optional(Type.String({ maxLength: 20 })),
  capability: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
  // A cursor holds a sort key: an organisation's name of 100 Korean characters is 420 characters of base64.
  after: Type.Optional(Type.String({ maxLength: 1000 })),
});

export const InviteInput = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254, format: 'email', messageKey: 'field.emailInvalid' }),
});

export const RejectInput = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) });

export const CapabilityInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  nameEn: Type.String({ minLength: 1, maxLength: 80 }),
});

export const DistrictInput = Type.Object({
  province: Type.String({ minLength: 1, maxLength: 20 }),
  name: Type.String({ minLength: 1, maxLength: 30 }),
});

export const RegionNameInput = Type.Object({ name: Type.String({ minLength: 1, maxLength: 30 }) });

export const MemberRoleInput = Type.Object({ role: Type.Union([Type.Literal('admin'), Type.Literal('member')]) });
