import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One year's holiday arrangement as loaded (migration 1764000000000-CalendarYears). Read with raw SQL casting the
 * date arrays to text (see CalendarStore): node-pg turns `date` into a JS Date at local midnight, which shifts days.
 */
@Entity({ name: 'calendar_years' })
@Check('ck_calendar_years_year', '"year" BETWEEN 1992 AND 9999')
export class CalendarYearEntity {
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'pk_calendar_years' })
  year: number;

  /** URL of the notice. */
  @Column('text')
  source: string;

  /** Title of the notice. */
  @Column('text', { nullable: true })
  notice: string | null;

  @Column('date', { array: true })
  holidays: string[];

  @Column('date', { array: true })
  workdays: string[];

  @Column('timestamptz', { name: 'loaded_at' })
  loadedAt: Date;

  /** `file:<name>` for a shipped default inserted at boot, `api:admin-token`, `cli`. */
  @Column('text', { name: 'loaded_by' })
  loadedBy: string;
}
