/**
 * Real content is harder than the example blog: a research post with forty display formulas (wide
 * ones, numbered ones, a list of them), wide tables, a table of contents and long code lines, in
 * both themes; an al-folio blog with figures, attribute lists and a kramdown table of contents; a
 * Jekyll blog of math; al-folio's features (citations, callouts, distill). Each is checked as the
 * example blog is (see helpers/axe.ts).
 */
import path from 'node:path';
import { describeSiteAudit } from '../helpers/axe.js';
import { TEST_DIR } from '../helpers/site.js';

const fixture = (name: string) => path.join(TEST_DIR, 'fixtures', 'sites', name);

describeSiteAudit({ name: 'research posts, default theme', siteDir: fixture('a11y-research') });
describeSiteAudit({ name: 'research posts, paper theme', siteDir: fixture('a11y-research'), theme: 'paper' });
describeSiteAudit({ name: 'Jekyll al-folio blog with figures and IALs', siteDir: fixture('jekyll-folio') });
describeSiteAudit({ name: 'Jekyll blog of math', siteDir: fixture('jekyll-math') });
describeSiteAudit({ name: 'al-folio features', siteDir: fixture('al-folio-features') });
describeSiteAudit({ name: 'widgets of every kind', siteDir: fixture('widgets') });
