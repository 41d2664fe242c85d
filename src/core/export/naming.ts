/**
 * Markdown headings, and Python identifiers made from them that clash with nothing.
 */
import { PYTHON_KEYWORDS, PYTHON_SOFT_KEYWORDS } from '../python/keywords';

/** The text of the last heading in a markdown cell (ATX, setext or HTML), or null. */
export function lastHeading(markdown: string): string | null {
  let heading: string | null = null;
  let fenced = false;
  const lines = markdown.split('\n');
  lines.forEach((line, i) => {
    if (/^\s{0,3}(```|~~~)/.test(line)) {
      fenced = !fenced;
      return;
    }
    if (fenced) {
      return;
    }
    const atx = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    const next = lines[i + 1] ?? '';
    const html = /<h[1-6][^>]*>(.*?)<\/h[1-6]>/i.exec(line);
    if (atx && atx[1].trim()) {
      heading = atx[1];
    } else if (
      line.trim() &&
      /^\s{0,3}(=+|-+)\s*$/.test(next) &&
      !/^\s{0,3}[-*+]\s/.test(line)
    ) {
      heading = line.trim();
    } else if (html && plainText(html[1])) {
      heading = html[1];
    }
  });
  return heading === null ? null : plainText(heading) || null;
}

/** Heading markup removed: links, images, code, emphasis, HTML tags and entities. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/&[a-z]+;|&#\d+;/gi, ' ')
    .replace(/[`*_~]+/g, match => (match === '_' ? '_' : ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A snake_case identifier from a heading: ASCII words, numbering removed, a few words at
 * most; empty when the heading has no usable word.
 */
export function snakeCase(text: string): string {
  const ascii = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const words = ascii
    .replace(/^[\s\d.:)(\-\u2013\u2014]+(?=\D)/, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(word => word !== '');
  let name = '';
  for (const word of words) {
    const candidate = name ? `${name}_${word}` : word;
    if (name && candidate.length > 40) {
      break;
    }
    name = candidate;
  }
  return /^\d/.test(name) ? `section_${name}` : name;
}

/**
 * Chooses names that are not in `taken` and not chosen before: `base`, or when `base` clashes
 * with the notebook (or a keyword), `base` + `suffix`; then numbered (`plot`, `plot_2`).
 */
export class NameChooser {
  constructor(private _taken: ReadonlySet<string>) {}

  choose(base: string, suffix = ''): string {
    const clash = this._taken.has(base) || isReserved(base);
    const stem = clash && suffix ? base + suffix : base;
    let name = stem;
    for (let n = 2; !this._free(name); n++) {
      name = `${stem}_${n}`;
    }
    this._chosen.add(name);
    return name;
  }

  private _free(name: string): boolean {
    return (
      !this._taken.has(name) && !this._chosen.has(name) && !isReserved(name)
    );
  }

  private _chosen = new Set<string>();
}

/** Keywords, soft ones included, so that no generated name reads oddly. */
function isReserved(name: string): boolean {
  return PYTHON_KEYWORDS.has(name) || PYTHON_SOFT_KEYWORDS.has(name);
}
