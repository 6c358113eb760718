import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { StaffPrincipal } from '@wenzheng/auth';
import { TIME_SOURCE, TimeSource, isLocalDate, startOfShanghaiDay } from '@wenzheng/calendar';
import { ClockService } from '@wenzheng/clocks';
import { AccessError, InputError, StateError, parseInput, requiredText } from '@wenzheng/errors';
import { PublicationEntity } from '../publication.entity';
import { PublicationService } from '../publication.service';
import { findInUnitScope } from '../unit-scoped';
import { InterpretationState, PolicyDocumentEntity, PolicyInterpretationEntity } from './policy-document.entity';

export const INTERPRETATION_SUBJECT = 'interpretation';
const CLOCK_PURPOSE = 'interpretation';

const documentSchema = z
  .object({
    title: requiredText('title', 200),
    docNumber: requiredText('docNumber', 60),
    issuingUnit: requiredText('issuingUnit', 100),
    draftingUnit: requiredText('draftingUnit', 100),
    publishedOn: z.string({ error: 'publishedOn is required' }).refine(isLocalDate, 'publishedOn must be a date YYYY-MM-DD'),
    url: z.url({ protocol: /^https?$/, error: 'url must be an http(s) address' }).optional(),
    body: z.string().trim().max(100_000).optional(),
  })
  .strict();
const draftSchema = z.object({ body: requiredText('body', 20_000) }).strict();
const rejectSchema = z.object({ comment: requiredText('comment', 1000) }).strict();

export interface InterpretationView {
  id: string;
  state: InterpretationState;
  document: { id: string; title: string; docNumber: string; publishedOn: string; url: string | null };
  unit: { id: string; code: string; name: string };
  body: string;
  reviewComment: string | null;
  dueAt: string;
  publishedAt: string | null;
  onTime: boolean | null;
  publicationId: string | null;
}

/**
 * 政策解读: registering a policy document opens an interpretation duty for its drafting unit with a clock of 3 working
 * days from the document's publication date; the unit drafts, the reviewer (not the author) approves, and approval
 * publishes it to the archive, linked to its document.
 */
@Injectable()
export class InterpretationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clocks: ClockService,
    private readonly publications: PublicationService,
    @Inject(TIME_SOURCE) private readonly time: TimeSource,
  ) {}

  async register(staff: StaffPrincipal, input: unknown): Promise<InterpretationView> {
    if (!staff.roles.includes('dispatcher') && !staff.roles.includes('admin')) {
      throw new AccessError('policy documents are registered by a dispatcher (政府办) or an admin');
    }
    const doc = parseInput(documentSchema, input);
    const id = await this.dataSource.transaction(async (manager) => {
      const unitId = async (code: string, field: string) => {
        const [unit]: { id: string }[] = await manager.query(`SELECT id FROM units WHERE code = $1`, [code]);
        if (!unit) throw new InputError(field, `no unit with code ${code}`);
        return unit.id;
      };
      const [issuing, drafting] = [await unitId(doc.issuingUnit, 'issuingUnit'), await unitId(doc.draftingUnit, 'draftingUnit')];
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO policy_documents (title, doc_number, issuing_unit_id, published_on, url, body) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (doc_number) DO NOTHING RETURNING id`,
        [doc.title, doc.docNumber, issuing, doc.publishedOn, doc.url ?? null, doc.body ?? null],
      );
      if (!inserted.length) throw new StateError(`a document numbered ${doc.docNumber} is registered already`);
      const interpretationId = randomUUID();
      // The day of publication is not counted: the clock starts on it and ends with the 3rd working day after.
      const clock = await this.clocks.start(
        manager,
        { type: INTERPRETATION_SUBJECT, id: interpretationId },
        CLOCK_PURPOSE,
        'policyInterpretation',
        startOfShanghaiDay(doc.publishedOn),
        { actor: `staff:${staff.username}` },
      );
      await manager.query(
        `INSERT INTO policy_interpretations (id, document_id, unit_id, state, due_at) VALUES ($1, $2, $3, 'drafting', $4)`,
        [interpretationId, inserted[0].id, drafting, clock.dueAt],
      );
      return interpretationId;
    });
    return this.view(id);
  }

  async list(staff: StaffPrincipal, state?: string): Promise<InterpretationView[]> {
    const all = staff.roles.includes('dispatcher') || staff.roles.includes('monitor');
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM policy_interpretations WHERE ($1::boolean OR unit_id = $2) AND ($3::text IS NULL OR state = $3) ORDER BY due_at LIMIT 200`,
      [all, staff.unit.id, state ?? null],
    );
    return Promise.all(rows.map((r) => this.view(r.id)));
  }

  async get(staff: StaffPrincipal, id: string): Promise<InterpretationView> {
    await findInUnitScope(this.dataSource.manager, PolicyInterpretationEntity, staff, id, { lock: false, what: 'interpretation' });
    return this.view(id);
  }

  draft(staff: StaffPrincipal, id: string, input: unknown): Promise<InterpretationView> {
    const { body } = parseInput(draftSchema, input);
    return this.act(staff, id, 'handler', ['drafting'], async (manager, i) => {
      await manager.update(PolicyInterpretationEntity, { id: i.id }, { body, authorId: staff.id, updatedAt: this.time.now() });
    });
  }

  submit(staff: StaffPrincipal, id: string): Promise<InterpretationView> {
    return this.act(staff, id, 'handler', ['drafting'], async (manager, i) => {
      if (!i.body.trim()) throw new StateError('write the interpretation before submitting it', i.state);
      await manager.update(PolicyInterpretationEntity, { id: i.id }, { state: 'submitted', updatedAt: this.time.now() });
    });
  }

  reject(staff: StaffPrincipal, id: string, input: unknown): Promise<InterpretationView> {
    const { comment } = parseInput(rejectSchema, input);
    return this.act(staff, id, 'reviewer', ['submitted'], async (manager, i) => {
      this.notOwn(staff, i);
      await manager.update(PolicyInterpretationEntity, { id: i.id }, { state: 'drafting', reviewComment: comment, updatedAt: this.time.now() });
    });
  }

  /** Approval publishes: an archive entry of kind `interpretation`, indexed for search; the clock stops. */
  approve(staff: StaffPrincipal, id: string): Promise<InterpretationView> {
    return this.act(staff, id, 'reviewer', ['submitted'], async (manager, i) => {
      this.notOwn(staff, i);
      const doc = await manager.findOneByOrFail(PolicyDocumentEntity, { id: i.documentId });
      const now = this.time.now();
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO publications (kind, state, unit_id, title, message_text, reply_text, replied_at)
         VALUES ('interpretation', 'draft', $1, $2, $3, $4, $5) RETURNING id`,
        [i.unitId, `《${doc.title}》政策解读`, `${doc.docNumber}《${doc.title}》`, i.body, now],
      );
      const publication = await manager.findOneByOrFail(PublicationEntity, { id: inserted[0].id });
      await this.publications.publish(manager, publication, `staff:${staff.username}`);
      await manager.update(PolicyInterpretationEntity, { id: i.id }, { state: 'published', publicationId: publication.id, publishedAt: now, updatedAt: now });
      const clock = await this.clocks.live(manager, { type: INTERPRETATION_SUBJECT, id: i.id }, CLOCK_PURPOSE);
      if (clock) await this.clocks.stop(manager, clock.id, { actor: `staff:${staff.username}`, reason: 'published' });
    });
  }

  /** The public list: documents with their interpretation's archive entry (`publicationId`) once published. */
  policies(): Promise<
    { title: string; docNumber: string; publishedOn: string; url: string | null; unit: string; publicationId: string | null; dueAt: string }[]
  > {
    return this.dataSource.query(
      `SELECT d.title, d.doc_number AS "docNumber", d.published_on::text AS "publishedOn", d.url, u.name AS unit,
              p.id AS "publicationId", to_char(i.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "dueAt"
         FROM policy_documents d JOIN policy_interpretations i ON i.document_id = d.id JOIN units u ON u.id = d.issuing_unit_id
         LEFT JOIN publications p ON p.id = i.publication_id AND p.state = 'published'
        ORDER BY d.published_on DESC, d.doc_number LIMIT 200`,
    );
  }

  /** On time / late per unit, for the figures. */
  async figures(): Promise<{ unitCode: string; unitName: string; published: number; onTime: number; late: number; open: number; overdue: number }[]> {
    return this.dataSource.query(
      `SELECT u.code AS "unitCode", u.name AS "unitName",
              count(*) FILTER (WHERE i.state = 'published')::int AS published,
              count(*) FILTER (WHERE i.state = 'published' AND i.published_at <= i.due_at)::int AS "onTime",
              count(*) FILTER (WHERE i.state = 'published' AND i.published_at > i.due_at)::int AS late,
              count(*) FILTER (WHERE i.state <> 'published')::int AS open,
              count(*) FILTER (WHERE i.state <> 'published' AND i.due_at < $1)::int AS overdue
         FROM policy_interpretations i JOIN units u ON u.id = i.unit_id GROUP BY u.code, u.name ORDER BY u.code`,
      [this.time.now()],
    );
  }

  private notOwn(staff: StaffPrincipal, i: PolicyInterpretationEntity): void {
    if (i.authorId === staff.id) throw new StateError('an interpretation is reviewed by someone other than its author', i.state);
  }

  private async act(
    staff: StaffPrincipal,
    id: string,
    role: 'handler' | 'reviewer',
    from: InterpretationState[],
    work: (manager: EntityManager, i: PolicyInterpretationEntity) => Promise<void>,
  ): Promise<InterpretationView> {
    await this.dataSource.transaction(async (manager) => {
      const i = await findInUnitScope(manager, PolicyInterpretationEntity, staff, id, { lock: true, what: 'interpretation' });
      if (!staff.roles.includes(role) || i.unitId !== staff.unit.id) throw new AccessError(`this is for a ${role} of the drafting unit`);
      if (!from.includes(i.state)) throw new StateError(`the interpretation is ${i.state}; this needs ${from.join(' or ')}`, i.state);
      await work(manager, i);
    });
    return this.view(id);
  }

  private async view(id: string): Promise<InterpretationView> {
    const [r] = await this.dataSource.query(
      `SELECT i.id, i.state, i.body, i.review_comment, i.due_at, i.published_at, i.publication_id,
              d.id AS doc_id, d.title, d.doc_number, d.published_on::text AS published_on, d.url,
              u.id AS unit_id, u.code AS unit_code, u.name AS unit_name
         FROM policy_interpretations i JOIN policy_documents d ON d.id = i.document_id JOIN units u ON u.id = i.unit_id
        WHERE i.id = $1`,
      [id],
    );
    return {
      id: r.id,
      state: r.state,
      document: { id: r.doc_id, title: r.title, docNumber: r.doc_number, publishedOn: r.published_on, url: r.url },
      unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
      body: r.body,
      reviewComment: r.review_comment,
      dueAt: r.due_at.toISOString(),
      publishedAt: r.published_at?.toISOString() ?? null,
      onTime: r.published_at ? r.published_at <= r.due_at : null,
      publicationId: r.publication_id,
    };
  }
}
