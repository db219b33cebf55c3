// The contact records (CDRs): search by time range, agent, queue, number, attached data,
// disposition, outcome and direction, with cursor paging; and one record by contact id.
// The filters are those the store's keyset search serves (persistence/record-search.ts): the range
// is on the arrival time and pages run oldest first, so a page boundary never moves as records are
// added.
import Type from 'typebox';
import {
  ContactDirectionSchema,
  ContactOutcomeSchema,
  ContactRecordSchema,
} from '../wire/contact-schemas.ts';
import { inputId } from '../wire/schema-builders.ts';
import { API_PREFIX, defineRoute, pageOf, pageQueryFields, params, rangeQueryFields } from './route.ts';

const text = (description: string) =>
  Type.Optional(Type.String({ minLength: 1, maxLength: 128, description }));

export const ContactRecordQuerySchema = params({
  ...rangeQueryFields,
  agentId: Type.Optional(inputId({ description: 'Records in which this agent talked with the customer.' })),
  queueId: Type.Optional(inputId()),
  number: text('Matches the customer number exactly (the caller inbound, the called party outbound).'),
  direction: Type.Optional(ContactDirectionSchema),
  outcome: Type.Optional(ContactOutcomeSchema),
  disposition: text('Matches the disposition level1.'),
  dispositionCode: text('Matches the disposition code.'),
  attachedKey: text('Records whose attached data has this key …'),
  attachedValue: text('… with this value (needs attachedKey).'),
  ...pageQueryFields,
});

export const CONTACT_RECORD_ROUTES = {
  searchContactRecords: defineRoute({
    method: 'GET',
    path: `${API_PREFIX}/contact-records`,
    summary:
      'Search the records of contacts that arrived in [from, to), oldest first, paged (a page may hold fewer than limit records; stop when nextCursor is null).',
    tag: 'contacts',
    role: 'supervisor',
    params: null,
    query: ContactRecordQuerySchema,
    body: null,
    response: pageOf(ContactRecordSchema, { title: 'ContactRecordPage' }),
    status: 200,
    errors: [],
  }),
  getContactRecord: defineRoute({
    method: 'GET',
    path: `${API_PREFIX}/contact-records/{contactId}`,
    summary: 'The record of a finished contact.',
    tag: 'contacts',
    role: 'supervisor',
    params: params({ contactId: inputId() }),
    query: null,
    body: null,
    response: ContactRecordSchema,
    status: 200,
    errors: ['unknown_contact'],
  }),
};
