/** Workspace files: mkdirs, import (JSON base64 or raw import-file), get-status, export, list, delete. */
import { badRequest, required } from '../api-error';
import type { EmulatorContext } from '../context';
import type { Router } from '../router';

const NOTEBOOK_HEADER = /^(--|#|\/\/) Databricks notebook source\r?\n/;
const FORMATS = ['AUTO', 'SOURCE', 'RAW', 'HTML', 'JUPYTER', 'DBC', 'R_MARKDOWN'];
const LANGUAGES = ['SQL', 'PYTHON', 'SCALA', 'R'] as const;

export function workspaceRoutes(router: Router, ctx: EmulatorContext): void {
  router.add('POST', '/api/2.0/workspace/mkdirs', (req) => {
    ctx.files.mkdirs(required<string>(req.body, 'path'));
    return {};
  });

  router.add('POST', '/api/2.0/workspace/import', (req) => {
    const path = required<string>(req.body, 'path');
    const format = (req.body.format as string | undefined) ?? 'SOURCE';
    if (!FORMATS.includes(format)) throw badRequest(`Invalid format: ${format}`);
    const language = req.body.language as (typeof LANGUAGES)[number] | undefined;
    if (language !== undefined && !LANGUAGES.includes(language)) throw badRequest(`Invalid language: ${language}`);
    const encoded = (req.body.content as string | undefined) ?? '';
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) throw badRequest('The content is not valid base64.');
    const content = Buffer.from(encoded, 'base64');
    if (content.length > 10 * 1024 * 1024) throw badRequest('File size imported is (over 10 MB) too large.', 'MAX_NOTEBOOK_SIZE_EXCEEDED');
    const overwrite = req.body.overwrite === true;
    if (format === 'SOURCE') {
      const lang = language ?? (path.endsWith('.sql') ? 'SQL' : undefined);
      if (!lang) throw badRequest('The language field is required when format is SOURCE.');
      ctx.files.put(path.replace(/\.(sql|py|scala|r)$/i, ''), { type: 'NOTEBOOK', content, language: lang }, overwrite);
    } else if (format === 'AUTO' && NOTEBOOK_HEADER.test(content.toString('utf8'))) {
      ctx.files.put(path.replace(/\.(sql|py|scala|r)$/i, ''), { type: 'NOTEBOOK', content, language: path.endsWith('.sql') ? 'SQL' : 'PYTHON' }, overwrite);
    } else if (format === 'AUTO' || format === 'RAW') {
      ctx.files.put(path, { type: 'FILE', content }, overwrite);
    } else throw badRequest(`The emulator does not import format ${format}.`);
    return {};
  });

  router.add('POST', /^\/api\/2\.0\/workspace-files\/import-file\/(.+)$/, (req) => {
    ctx.files.put(`/${req.params[0]}`, { type: 'FILE', content: req.rawBody }, req.query.get('overwrite') === 'true');
    return {};
  });

  router.add('GET', '/api/2.0/workspace/get-status', (req) => {
    const path = req.query.get('path');
    if (!path) throw badRequest('Missing required field: path');
    return ctx.files.info(ctx.files.require(path));
  });

  router.add('GET', '/api/2.0/workspace/export', (req) => {
    const path = req.query.get('path');
    if (!path) throw badRequest('Missing required field: path');
    const object = ctx.files.require(path);
    if (object.type === 'DIRECTORY') throw badRequest(`Exporting a directory (${path}) needs format DBC or AUTO, which the emulator does not produce.`);
    return { content: object.content.toString('base64'), file_type: object.type === 'FILE' ? path.split('.').pop() : 'sql' };
  });

  router.add('GET', '/api/2.0/workspace/list', (req) => {
    const path = req.query.get('path');
    if (!path) throw badRequest('Missing required field: path');
    const objects = ctx.files.list(path).map((o) => ctx.files.info(o));
    return objects.length ? { objects } : {};
  });

  router.add('POST', '/api/2.0/workspace/delete', (req) => {
    ctx.files.delete(required<string>(req.body, 'path'), req.body.recursive === true);
    return {};
  });
}
