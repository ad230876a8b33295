/** Console reporting: live progress, plain and JSON event lines, summaries, status/show. */
export { createReporter, type Reporter, type ReporterOptions } from "./reporter.js";
export { chooseMode, detectColor, useColor, isCI, makeStyle, type ReportMode, type Style } from "./style.js";
export { renderSummary, paramWords, type RunSummary, type SummaryNode, type SelectedTrial, type SummaryNodeStatus } from "./summary.js";
export { renderStatus } from "./status.js";
export { renderShow } from "./show.js";
export type { StatusView, StatusNode, ShowView, ShowTrial } from "./views.js";
export { formatDuration, formatMetric, formatScalar, truncate, fit, visibleWidth, stripAnsi, padEnd, padStart, wrapWords } from "./format.js";
export { eventLines } from "./lines.js";
