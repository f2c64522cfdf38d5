import { z } from 'zod';

/** Opaque server-issued id on a card or in its button data: GUIDs, ULIDs, table keys. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** An opaque id: no spaces, quotes or markup. */
export const cardId = z.string().regex(ID_PATTERN, 'expected an id (letters, digits, . _ : -)');
