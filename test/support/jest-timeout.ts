// Integration tests start processes and wait on queues; each wait has its own shorter limit (waitFor).
jest.setTimeout(60000);
