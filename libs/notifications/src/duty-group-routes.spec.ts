import { dutyGroupsFor } from './duty-group-routes';

describe('dutyGroupsFor', () => {
  const routes = {
    'clock.overdue': ['督办群', '政府办值班群'],
    'clock.seriously-overdue': ['督办群'],
    'monitor.*': ['网信办值班群'],
  };

  it.each([
    ['clock.overdue', ['督办群', '政府办值班群']],
    ['clock.seriously-overdue', ['督办群']],
    ['clock.reminder', []],
    ['monitor.alert', ['网信办值班群']],
    ['monitor.burst.major', ['网信办值班群']],
    ['monitor', []],
    ['monitoring.alert', []],
    ['', []],
  ])('%s → %j', (kind, groups) => {
    expect(dutyGroupsFor(routes, kind)).toEqual(groups);
  });

  it('names a group once when several patterns route to it, and * takes every kind', () => {
    expect(dutyGroupsFor({ '*': ['总值班群'], 'clock.overdue': ['督办群', '总值班群'] }, 'clock.overdue')).toEqual(['总值班群', '督办群']);
    expect(dutyGroupsFor({ '*': ['总值班群'] }, 'unanswered.critical')).toEqual(['总值班群']);
  });

  it('routes nothing without routes', () => {
    expect(dutyGroupsFor({}, 'clock.overdue')).toEqual([]);
  });
});
