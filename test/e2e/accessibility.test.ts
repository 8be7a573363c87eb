/**
 * The example blog in the default theme: every page passes axe-core (WCAG 2.2 A and AA, and axe's
 * best practices) with no serious or critical violation, light and dark, and its posts at a phone width.
 */
import path from 'node:path';
import { describeSiteAudit } from '../helpers/axe.js';
import { TEST_DIR } from '../helpers/site.js';

describeSiteAudit({ name: 'example blog, default theme', siteDir: path.dirname(TEST_DIR), theme: 'default' });
