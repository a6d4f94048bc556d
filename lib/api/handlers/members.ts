import crypto from 'node:crypto';
import { and, count, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Query } from '@/db/database';
import { constraintViolation } from '@/db/errors';
import { apiMembers, users, type ApiMember, type User } from '@/db/schema';
import { platformDate } from '../amounts';
import { ApiError, notFound, unsupported } from '../errors';
import { defineRoute, idParam } from '../router';
import { flagParam, isRowId, listParam, pageOf, pagingSchema } from '../schemas';
import { userSearchKey } from '@/lib/auth/search-key';

const memberTypes = ['PERSONAL', 'PRIVATE_COMPANY', 'LIMITED_OR_JOINT_STOCK_COMPANY'] as const;

const memberFields = {
  isBuyer: z.boolean().optional(),
  isSubMerchant: z.boolean().optional(),
  memberType: z.enum(memberTypes).optional(),
  name: z.string().trim().min(1).max(200),
  email: z.email().trim().toLowerCase().max(254),
  address: z.string().trim().max(500).optional(),
  phoneNumber: z.string().trim().max(40).optional(),
};

const createMemberSchema = z.object({ ...memberFields, memberExternalId: z.string().trim().min(1).max(100).optional() });
const updateMemberSchema = z.object({ ...memberFields, name: memberFields.name.optional() });
const searchMembersSchema = z.object({
  isBuyer: flagParam.optional(),
  isSubMerchant: flagParam.optional(),
  name: z.string().max(200).optional(),
  memberIds: listParam(z.coerce.number().int().positive()),
  memberExternalId: z.string().max(100).optional(),
  memberType: z.enum(memberTypes).optional(),
  ...pagingSchema,
});

export const memberResponseSchema = z.object({
  id: z.number(),
  createdDate: z.string(),
  updatedDate: z.string(),
  status: z.literal('ACTIVE'),
  isBuyer: z.boolean(),
  isSubMerchant: z.boolean(),
  memberType: z.enum(memberTypes),
  memberExternalId: z.string().nullable(),
  name: z.string(),
  email: z.string(),
  iban: z.null(),
  address: z.string().nullable(),
  phoneNumber: z.string().nullable(),
  taxOffice: z.null(),
  taxNumber: z.null(),
  contactName: z.null(),
  contactSurname: z.null(),
  legalCompanyTitle: z.null(),
  settlementEarningsDestination: z.null(),
  settlementDelayCount: z.null(),
});

type MemberRow = { user: Pick<User, 'id' | 'name' | 'email' | 'createdAt'>; profile: ApiMember | null };

function toMember({ user, profile }: MemberRow): z.infer<typeof memberResponseSchema> {
  const memberType = memberTypes.find((type) => type === profile?.memberType) ?? 'PERSONAL';
  return {
    id: user.id,
    createdDate: platformDate(user.createdAt),
    updatedDate: platformDate(profile?.updatedAt ?? user.createdAt),
    status: 'ACTIVE',
    isBuyer: true,
    isSubMerchant: false,
    memberType,
    memberExternalId: profile?.externalId ?? null,
    name: user.name,
    email: user.email,
    // Members are buyers: the sub-merchant fields (bank account, tax and company details, settlement) do not apply.
    iban: null,
    address: profile?.address ?? null,
    phoneNumber: profile?.phoneNumber ?? null,
    taxOffice: null,
    taxNumber: null,
    contactName: null,
    contactSurname: null,
    legalCompanyTitle: null,
    settlementEarningsDestination: null,
    settlementDelayCount: null,
  };
}

const memberColumns = { user: { id: users.id, name: users.name, email: users.email, createdAt: users.createdAt }, profile: apiMembers };

function memberQuery(q: Query, where: SQL | undefined) {
  return q
    .select(memberColumns)
    .from(users)
    .leftJoin(apiMembers, eq(apiMembers.userId, users.id))
    .where(and(eq(users.role, 'customer'), where));
}

/** Members (customers) by id, in the platform's shape; ids of anyone else are left out. */
export async function memberResponses(q: Query, ids: number[]): Promise<Map<number, z.infer<typeof memberResponseSchema>>> {
  const rowIds = ids.filter(isRowId);
  if (rowIds.length === 0) return new Map();
  const rows = await memberQuery(q, inArray(users.id, rowIds));
  return new Map(rows.map((row) => [row.user.id, toMember(row)]));
}

/** A member (a customer) by id; 404 for anyone else. */
export async function findMember(q: Query, memberId: number): Promise<MemberRow> {
  if (!isRowId(memberId)) throw notFound(`Member ${memberId}`);
  const [row] = await memberQuery(q, eq(users.id, memberId));
  if (!row) throw notFound(`Member ${memberId}`);
  return row;
}

function refuseSubMerchant(isSubMerchant: boolean | undefined, isBuyer: boolean | undefined) {
  if (isSubMerchant) throw unsupported('isSubMerchant: Coffer members are buyers; sub-merchants are not supported.');
  if (isBuyer === false) throw unsupported('isBuyer: Coffer members are buyers.');
}

function ensureFree(field: 'email' | 'memberExternalId', taken: boolean) {
  if (taken) throw new ApiError(409, 'CONFLICT', `${field}: another member already uses it.`);
}

async function emailTaken(q: Query, email: string, exceptUserId?: number): Promise<boolean> {
  const [row] = await q.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row !== undefined && row.id !== exceptUserId;
}

async function externalIdTaken(q: Query, externalId: string): Promise<boolean> {
  const [row] = await q.select({ id: apiMembers.userId }).from(apiMembers).where(eq(apiMembers.externalId, externalId));
  return row !== undefined;
}

/**
 * Runs a write whose unique index may still refuse it: the checks above read before the write, so
 * on PostgreSQL a twin may take the value in between. Its unique violation is the same 409.
 */
async function uniquely<T>(field: 'email' | 'memberExternalId', write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (constraintViolation(error) === 'unique') ensureFree(field, true);
    throw error;
  }
}

export const memberRoutes = [
  defineRoute({
    method: 'POST',
    path: '/onboarding/v1/members',
    summary: 'Create a member: a shop customer who can hold a wallet (cannot sign in until they reset a password).',
    body: createMemberSchema,
    response: memberResponseSchema,
    async handle({ tx, body }) {
      refuseSubMerchant(body.isSubMerchant, body.isBuyer);
      ensureFree('email', await emailTaken(tx, body.email));
      if (body.memberExternalId) ensureFree('memberExternalId', await externalIdTaken(tx, body.memberExternalId));
      // Not an argon2 hash, so no password ever verifies against it.
      const passwordHash = `!api-member:${crypto.randomBytes(24).toString('base64url')}`;
      const [user] = await uniquely('email', () =>
        tx
          .insert(users)
          .values({ name: body.name, email: body.email, passwordHash, role: 'customer', searchKey: userSearchKey(body) })
          .returning({ id: users.id }),
      );
      if (!user) throw new Error('The member was not stored.');
      await uniquely('memberExternalId', () =>
        tx.insert(apiMembers).values({
          userId: user.id,
          externalId: body.memberExternalId ?? null,
          memberType: body.memberType ?? 'PERSONAL',
          phoneNumber: body.phoneNumber ?? null,
          address: body.address ?? null,
          updatedAt: new Date(),
        }),
      );
      return toMember(await findMember(tx, user.id));
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/onboarding/v1/members/:memberId',
    summary: "Update a member's name, email, address, phone number or type.",
    body: updateMemberSchema,
    response: memberResponseSchema,
    async handle({ tx, params, body }) {
      const memberId = idParam(params, 'memberId');
      refuseSubMerchant(body.isSubMerchant, body.isBuyer);
      const current = await findMember(tx, memberId);
      ensureFree('email', await emailTaken(tx, body.email, memberId));
      await uniquely('email', () =>
        tx
          .update(users)
          .set({
            email: body.email,
            ...(body.name ? { name: body.name } : {}),
            searchKey: userSearchKey({ name: body.name || current.user.name, email: body.email }),
          })
          .where(eq(users.id, memberId)),
      );
      // Fields left out keep their value; the profile row is written whole (an upsert, not read-modify-write of a counter).
      const profile = {
        memberType: body.memberType ?? current.profile?.memberType ?? 'PERSONAL',
        phoneNumber: body.phoneNumber ?? current.profile?.phoneNumber ?? null,
        address: body.address ?? current.profile?.address ?? null,
        updatedAt: new Date(),
      };
      await tx.insert(apiMembers).values({ userId: memberId, ...profile }).onConflictDoUpdate({ target: apiMembers.userId, set: profile });
      return toMember(await findMember(tx, memberId));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/onboarding/v1/members/:memberId',
    summary: 'Retrieve a member.',
    response: memberResponseSchema,
    mode: 'read',
    async handle({ q, params }) {
      return toMember(await findMember(q, idParam(params, 'memberId')));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/onboarding/v1/members',
    summary: 'Search members by name (contains), ids, external id or type; paged from page 0.',
    query: searchMembersSchema,
    mode: 'read',
    async handle({ q, query }) {
      if (query.isSubMerchant === true || query.isBuyer === false) return pageOf([], query.page, query.size, 0);
      const conditions: SQL[] = [];
      if (query.name) conditions.push(nameContains(query.name));
      // An id beyond any row id names no member (and must not reach the database).
      if (query.memberIds.length > 0) conditions.push(inArray(users.id, [...query.memberIds.filter(isRowId), 0]));
      if (query.memberExternalId) conditions.push(eq(apiMembers.externalId, query.memberExternalId));
      if (query.memberType === 'PERSONAL') {
        conditions.push(sqlPersonal());
      } else if (query.memberType) {
        conditions.push(eq(apiMembers.memberType, query.memberType));
      }
      const where = and(eq(users.role, 'customer'), ...conditions);
      const [counted] = await q.select({ n: count() }).from(users).leftJoin(apiMembers, eq(apiMembers.userId, users.id)).where(where);
      const total = counted?.n ?? 0;
      const rows = await q
        .select(memberColumns)
        .from(users)
        .leftJoin(apiMembers, eq(apiMembers.userId, users.id))
        .where(where)
        .orderBy(users.id)
        .limit(query.size)
        .offset(query.page * query.size);
      return pageOf(rows.map(toMember), query.page, query.size, total);
    },
  }),
];

/**
 * The name contains `text`, case-insensitively, on either engine: LIKE with the pattern's own
 * wildcards escaped, both sides through the database's lower() (PostgreSQL's LIKE is case-sensitive).
 */
function nameContains(text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  return sql`lower(${users.name}) like lower(cast(${pattern} as text)) escape '\\'`;
}

// Customers who registered in the shop have no profile row and count as personal members.
function sqlPersonal(): SQL {
  return or(eq(apiMembers.memberType, 'PERSONAL'), isNull(apiMembers.userId)) ?? sql`1`;
}
