// Imported first by main.tsx, before any schema exists: zod compiles object parsers with
// `new Function` when it may, and the page's CSP forbids eval, so say so up front instead of
// letting zod's probe raise a CSP violation.
import { z } from "zod";

z.config({ jitless: true });
