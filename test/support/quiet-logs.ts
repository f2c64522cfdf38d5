import { configureLogging } from '../../src/logging';

/**
 * Loaded by mocha before any suite (.mocharc.json): the app's JSON log lines would drown the
 * test report, so tests start silent; a test that checks logs captures them (log-capture.ts).
 */
configureLogging({ level: 'silent' });
