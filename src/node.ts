/**
 * dcc-charges/node: the parts of the library that need Node (files on disk).
 * Everything else is in the main entry, `dcc-charges`.
 * @packageDocumentation
 */
export {
  countRegistrationsFile,
  readRegistrationsFile,
  REGISTRATION_FILE_CHUNK_BYTES,
  type CountRegistrationsFileOptions,
  type FileCountProgress,
} from './node/registration-files.js';
