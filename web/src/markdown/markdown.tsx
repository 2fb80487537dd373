// Markdown of model answers as React elements, never as HTML: an answer is untrusted text, so nothing in it
// can become markup. Covers what answers use: paragraphs, headings, lists, fenced code (with a light
// keyword highlighter), inline code, bold, italics and links (http and https only).

import { Fragment, type ReactNode } from 'react';

const KEYWORDS = new Set(['const', 'let', 'var', 'function', 'return', 'if', 'else', 'for', 'while', 'class',
    'import', 'export', 'from', 'new', 'public', 'private', 'static', 'void', 'def', 'fn', 'true', 'false',
    'null', 'None', 'interface', 'type', 'async', 'await', 'try', 'catch', 'throw', 'package', 'record']);

export function highlight(code: string): ReactNode[] {
    const parts = code.split(/(\b[A-Za-z_]+\b|"[^"\n]*"|'[^'\n]*'|\/\/[^\n]*|#[^\n]*)/);
    return parts.map((part, i) => {
        if (KEYWORDS.has(part)) {
            return <span key={i} className="tok-keyword">{part}</span>;
        }
        if (/^["']/.test(part)) {
            return <span key={i} className="tok-string">{part}</span>;
        }
        if (/^(\/\/|#)/.test(part)) {
            return <span key={i} className="tok-comment">{part}</span>;
        }
        return <Fragment key={i}>{part}</Fragment>;
    });
}

export function inline(text: string): ReactNode[] {
    const pattern = /(`[^`\n]+`|\*\*[^*\n]+\*\*|\*[^*\n]+\*|\[[^\]\n]+\]\((https?:\/\/[^)\s]+)\))/g;
    const out: ReactNode[] = [];
    let last = 0;
    let match: RegExpExecArray | null;
    let key = 0;
    while ((match = pattern.exec(text)) !== null) {
        if (match.index > last) {
            out.push(text.slice(last, match.index));
        }
        const token = match[0];
        if (token.startsWith('`')) {
            out.push(<code key={key++}>{token.slice(1, -1)}</code>);
        } else if (token.startsWith('**')) {
            out.push(<strong key={key++}>{token.slice(2, -2)}</strong>);
        } else if (token.startsWith('*')) {
            out.push(<em key={key++}>{token.slice(1, -1)}</em>);
        } else {
            const label = token.slice(1, token.indexOf(']'));
            out.push(<a key={key++} href={match[2]} target="_blank" rel="noopener noreferrer">{label}</a>);
        }
        last = match.index + token.length;
    }
    if (last < text.length) {
        out.push(text.slice(last));
    }
    return out;
}

export function Markdown({ text }: { text: string }) {
    const blocks: ReactNode[] = [];
    const lines = text.split('\n');
    let i = 0;
    let key = 0;
    while (i < lines.length) {
        const line = lines[i];
        if (line.startsWith('```')) {
            const language = line.slice(3).trim();
            const code: string[] = [];
            i++;
            while (i < lines.length && !lines[i].startsWith('```')) {
                code.push(lines[i++]);
            }
            i++; // the closing fence, or the end of a still streaming answer
            blocks.push(<pre key={key++} data-language={language || undefined}><code>{highlight(code.join('\n'))}</code></pre>);
            continue;
        }
        const heading = /^(#{1,4})\s+(.*)$/.exec(line);
        if (heading) {
            const level = heading[1].length + 2;
            const Tag = `h${Math.min(level, 6)}` as 'h3';
            blocks.push(<Tag key={key++}>{inline(heading[2])}</Tag>);
            i++;
            continue;
        }
        if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
            const ordered = /^\s*\d+\./.test(line);
            const items: ReactNode[] = [];
            while (i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i])) {
                items.push(<li key={items.length}>{inline(lines[i].replace(/^\s*([-*]|\d+\.)\s+/, ''))}</li>);
                i++;
            }
            blocks.push(ordered ? <ol key={key++}>{items}</ol> : <ul key={key++}>{items}</ul>);
            continue;
        }
        if (line.trim() === '') {
            i++;
            continue;
        }
        const paragraph: string[] = [];
        while (i < lines.length && lines[i].trim() !== '' && !lines[i].startsWith('```')
            && !/^(#{1,4})\s/.test(lines[i]) && !/^\s*([-*]|\d+\.)\s+/.test(lines[i])) {
            paragraph.push(lines[i++]);
        }
        blocks.push(<p key={key++}>{inline(paragraph.join('\n'))}</p>);
    }
    return <div className="markdown">{blocks}</div>;
}
