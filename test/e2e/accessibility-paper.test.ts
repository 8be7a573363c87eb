/** The example blog in the paper theme, checked as accessibility.test.ts checks the default one. */
import path from 'node:path';
import { describeSiteAudit } from '../helpers/axe.js';
import { TEST_DIR } from '../helpers/site.js';

describeSiteAudit({ name: 'example blog, paper theme', siteDir: path.dirname(TEST_DIR), theme: 'paper' });
