// layerlab.d.ts: the types of the page's `window.layerlab` (web/layerlab-api.js).
// Field by field documentation: README.md, "JS API". Keep in step with
// layerlab-api.js: tests/browser/image.mjs (part open) fails when a function
// of window.layerlab is missing here.

export interface BuildError { code: string; message: string; line: number; column: number }
export interface StepState {
  index: number; number: number; line: number; end_line: number; stage: string; kind: string;
  instruction: string; title: string;
  state: 'pending' | 'done' | 'cached' | 'failed' | 'skipped';
  cached: boolean; empty_layer: boolean | null; cache_note: string; narration: string; rule: string;
  error: BuildError | null;
}
export interface LayerState {
  index: number; instruction: string; created_by: string; size: number;
  added: number; modified: number; deleted: number; hidden: number; entries: number;
  diff_id: string; step: number | null; line: number | null; from_base: boolean; committed: boolean;
}
export interface Narration { text: string; rule: string; kind: 'info' | 'step' | 'event' | 'error'; serial: number }
export interface SyntaxError { line: number; column: number; end_line: number; end_column: number; message: string }
export interface ImageState {
  size: number; wasted_bytes: number; efficiency: number; layers: number; history: unknown[];
  wasted_paths: { path: string; wasted: number; copies: number; deleted: boolean }[];
  config: { env: string[]; cmd: string[] | null; entrypoint: string[] | null; working_dir: string; user: string;
            exposed_ports: string[]; labels: Record<string, string> };
}
export interface ContainerSummary {
  name: string; size: number; virtual_size: number; image_layers: number; running: boolean; current: boolean;
}
export interface State {
  step: number; current: number; at_end: boolean; failed: boolean; build_error: BuildError | null;
  sample: string; dockerfile: string; assets_ready: boolean;
  steps: StepState[]; layers: LayerState[]; narration: Narration; errors: SyntaxError[];
  image: ImageState; containers: ContainerSummary[]; commits: number;
}
export interface Sample { name: string; title: string; teaches: string; files: string[]; try: string[] }
export interface LookupResult {
  path: string; traced: string; in_container: boolean; found: boolean; result: string;
  hit_layer: number | 'upper' | null; visited: number; layers_total: number;
  layers: { layer: number | 'upper'; verdict: string; at: string; opaque_at?: string }[];
  hops: { link: string; target: string }[];
}
export interface ExecEvent {
  kind: 'copy_up' | 'whiteout' | 'opaque' | 'create' | 'modify' | 'remove' | 'rename' | 'exdev';
  path: string; text: string; layer?: number; bytes?: number;
  change?: 'contents' | 'append' | 'at_offset' | 'truncate' | 'mode' | 'owner' | 'times';
  offset?: number; size?: number;
}
export interface ExecResult {
  container: string; command: string; output: string; status: number; events: ExecEvent[];
  notes: string[]; bytes_copied_up: number;
}
export interface TreeNode {
  path: string; name: string; type: string; mark: ' ' | 'A' | 'M' | 'D';
  size: number; total: number; files: number; child_count?: number; children?: TreeNode[];
}
export interface Comparison {
  a: { label: string; size: number; wasted_bytes: number; layers: { diff_id: string; size: number; in_other: boolean }[] };
  b: { label: string; size: number; wasted_bytes: number; layers: { diff_id: string; size: number; in_other: boolean }[] };
  saved_bytes: number; common_base_layers: number; shared_bytes: number;
  added: number; removed: number; changed: number; files_total: number;
  files: { change: 'A' | 'D' | 'C'; path: string; size_a: number; size_b: number; what: string }[];
}
export interface DocumentList {
  current: string | null; max: number;
  docs: { id: string; name: string; sample: string | null; origin: 'edit' | 'link'; updated: number; bytes: number }[];
}
export interface Rect { x: number; y: number; w: number; h: number }

// Every refused call throws a LayerlabError; its `code` is stable (match on it,
// not on the message, which is written for people).
export type ErrorCode =
  | 'not_ready'       // called before `await layerlab.ready`
  | 'internal'        // a bug: the message names it
  | 'unknown_method'
  | 'bad_argument'    // a missing or wrong argument
  | 'refused'         // the Lab said no; the message says why
  | 'no_image_kept'   // compare() before pin()
  | 'no_document'     // openDocument/deleteDocument of an unknown id
  | 'too_long'        // shareLink() over the link limit
  | 'too_large'       // openImage() over 512 MiB, or past a limit of the import
  | 'bad_tar' | 'bad_gzip' | 'bad_json' | 'bad_oci' | 'unsupported' | 'enoent'   // the core's, from openImage() and others
  | string;
export interface LayerlabError extends Error { name: 'LayerlabError'; code: ErrorCode }

// layerlab.on('change', fn): after the model changed (a step, an edit, a command, a
// click in the UI), once per frame at most.
export interface ChangeEvent { revision: number; step: number; narration: string }

// layerlab.on('import', fn): after each slice openImage() handed to the core (4 MiB a
// frame): bytes read so far, the layers already read into the store (a layer is read
// the moment its last byte arrives; the manifest, written last by docker save, orders them).
export interface ImportProgress {
  name: string; size: number; bytes_in: number;
  layers_read: number; layer_bytes: number; files_read: number;
  compressed: boolean;   // a gzip/zstd archive: its layers are read once it is all in
  last: string;          // the last layer read: "sha256:ab12cd34ef56 (1.2 MB, 412 files)"
}

// layerlab.building(): the step a Promise form or a deck click is building (step: index into steps).
// fetching: the catalog files a FROM waits for (busy until they arrive and the step runs).
export interface Building { busy: boolean; step: number | null; label: string; cursor: number; fetching?: string[] }

export interface Layerlab {
  readonly ready: Promise<Layerlab>;
  samples(): Sample[];
  loadSample(name: string): State;
  load(text: string, files?: Record<string, string>): State;
  edit(text: string): State;
  step(): State; back(): State; reset(): State; runToEnd(): State; goto(n: number): State;
  /** The Promise forms (issue 14): the build runs one step per frame and the layers' DiffIDs
   *  one layer per task, so the page keeps drawing; calls queue in the order asked. */
  stepAsync(): Promise<State>; runToEndAsync(): Promise<State>; gotoAsync(n: number): Promise<State>;
  /** What the build is doing now: busy while a step deck click or an async call builds, or a FROM waits for its base's data. */
  building(): Building;
  state(): State;
  lookup(path: string): LookupResult;
  exec(command: string): ExecResult;
  diff(): string[];
  startContainer(): { name: string; index: number };
  selectContainer(index: number): State;
  commit(): State;
  images(): string[];
  synthetic(files: number): State;
  /** An image file of your own, read a slice per frame (default 4 MiB; progress: on('import')); calls queue. */
  openImage(file: Blob | ArrayBuffer | ArrayBufferView, name?: string, opts?: { slice?: number }): Promise<State>;
  tree(opts?: { layer?: number | null; sort?: 'name' | 'size'; depth?: number }): TreeNode;
  pin(): State; unpin(): State;
  compare(): Comparison;
  on(event: 'change', listener: (e: ChangeEvent) => void): () => void;
  on(event: 'import', listener: (e: ImportProgress) => void): () => void;
  off(event: 'change', listener: (e: ChangeEvent) => void): void;
  off(event: 'import', listener: (e: ImportProgress) => void): void;
  shareLink(): Promise<string>;
  documents(): DocumentList;
  openDocument(id: string): State;
  newDocument(): State;
  deleteDocument(id: string): DocumentList;
  /** /var/lib/docker as moby's overlay2 driver lays it out (README "The X-ray"). */
  xray(): Record<string, unknown>;
  /** Lessons (README "Lessons"): the list with progress (localStorage). */
  lessons(): LessonListEntry[];
  openLesson(name: string): State & { lesson: LessonState };
  closeLesson(): State;
  lessonInfo(name?: string): LessonState & Record<string, unknown>;
  /** What "show me" applies; loading it with load / runToEnd / exec meets the goal. */
  lessonSolution(): LessonAttempt;
  /** The lesson's wrong attempt (what it is told is in the lesson's wrong/expect.txt). */
  lessonWrongAttempt(): LessonAttempt;
  applySolution(): State;
  lessonUndo(): State;
  /** Adds a lesson from its folder's files (path -> text). */
  addLesson(name: string, files: Record<string, string>): unknown;
  /** A link that carries the whole lesson (the open one, or `name`). */
  lessonLink(name?: string): Promise<string>;
  /** Predict, then reveal (README "Predict, then reveal"): asks a question made from the Lab as it
   *  stands; `kind` omitted: quiz mode's next kind that can be asked; 'step': what the step deck asks. */
  question(kind?: QuestionKind | 'step'): Question;
  /** Answers the open question: the Lab does what it asked about (the step, the lookup, the command
   *  in a new container) and the verdict says what happened beside the answer. */
  answer(answer: QuizAnswer): QuizVerdict;
  quiz(): QuizState;
  setQuiz(opts: { quiz_mode?: boolean; ask_before_step?: boolean }): QuizState;
  ui: {
    rects(): Record<string, Rect>;
    rect(name: string): Rect | null;
    state(): Record<string, unknown>;
    tab(tab: 'files' | 'lookup' | 'container' | 'tree' | 'compare' | 'xray' | number): null;
    speed(speed: number): null;
  };
}

declare global {
  interface Window { layerlab: Layerlab }
  interface WindowEventMap { 'layerlab:change': CustomEvent<ChangeEvent> }
}

export interface LessonListEntry { name: string; title: string; done: boolean }
export interface LessonGoalPart { text: string; met: boolean; why?: string }
export interface LessonState { name: string; title: string; goal: { met: boolean; parts: LessonGoalPart[] } }
export interface LessonAttempt { dockerfile?: string; files?: Record<string, string>; commands?: string[] }

export type QuestionKind = 'adds_layer' | 'lookup_layer' | 'copy_up_bytes' | 'docker_diff' | 'image_size';
export interface Question {
  kind: QuestionKind; prompt: string; how: string;
  step?: number;        // adds_layer, image_size: index into state().steps
  path?: string;        // lookup_layer, copy_up_bytes
  command?: string;     // copy_up_bytes, docker_diff: what a new container runs
  paths?: string[];     // docker_diff: the paths to mark
  tolerance?: number;   // numbers: relative (0.2 = within 20%)
  before?: number;      // image_size: the image's size now; copy_up_bytes: the file's size
}
/** One field, by the question's kind: yes (adds_layer), layer (lookup_layer: an index, 'container',
 *  or null for not found), bytes (copy_up_bytes, image_size), lines (docker_diff: ["C /etc", ...]). */
export interface QuizAnswer { yes?: boolean; layer?: number | 'container' | null; bytes?: number; lines?: string[] }
export interface QuizVerdict {
  kind: QuestionKind; correct: boolean; yours: string; right: string; why: string;
  given: QuizAnswer; truth: QuizAnswer;
}
export interface QuizState {
  question: Question | null; last: { question: Question; verdict: QuizVerdict } | null;
  asked: number; right: number; quiz_mode: boolean; ask_before_step: boolean;
}
