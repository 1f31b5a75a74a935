import type { IBuilderHint } from 'n8n-workflow';

/**
 * What n8n's AI workflow builder reads about the Genviral Trigger: which event fits which
 * need, and how the trigger pairs with the Genviral node. Written with the workflow SDK's
 * `expr()` form for values, never raw `={{ }}` text.
 */

const TRIGGER = "type: 'n8n-nodes-genviral.genviralTrigger',\n  version: 1";

export const genviralTriggerBuilderHint: IBuilderHint = {
	searchHint:
		'Polls Genviral and starts a workflow when a post changes status (posted, partial, failed...), a tracked profile publishes a new post, an analytics refresh finishes, or a file is uploaded. The first poll after activation only remembers what exists (emits nothing). Use it instead of a Schedule Trigger plus Post → Get Many.',
	relatedNodes: [
		{
			nodeType: 'n8n-nodes-genviral.genviral',
			relationHint: 'Act on the event: retry a failed post, read analytics, post the new file',
		},
		{
			nodeType: 'n8n-nodes-base.if',
			relationHint: 'Branch on the new status (posted vs failed or partial)',
		},
	],
	extraTypeDefContent: [
		{
			displayOptions: { show: { event: ['postStatusChanged'] } },
			content: `<patterns>
<pattern title="Notify when a post is live or failed, retry failures">
const onPublish = trigger({
  ${TRIGGER},
  config: { name: 'Post Published or Failed', parameters: { event: 'postStatusChanged', statuses: ['posted', 'partial', 'failed'] } }
});
// Each item is the post with its new status; for partial/failed, retry with
// Genviral → Post → Retry (postIds: expr('{{ $json.id }}')).
</pattern>
</patterns>`,
		},
		{
			displayOptions: { show: { event: ['newAnalyticsPost', 'targetRefreshed'] } },
			content: `<patterns>
<pattern title="React to a tracked profile's new post or a finished refresh">
const onNewPost = trigger({
  ${TRIGGER},
  config: { name: 'Competitor Posted', parameters: { event: 'newAnalyticsPost' } }
});
// Only profiles tracked with Genviral → Analytics Target → Create are watched. A post is seen
// after that profile's analytics are refreshed (Analytics Target → Refresh, or the free daily refresh).
// event: 'targetRefreshed' fires when a refresh completes: follow it with Analytics → Get Summary.
</pattern>
</patterns>`,
		},
		{
			displayOptions: { show: { event: ['newFile'] } },
			content: `<patterns>
<pattern title="Post every new upload">
const onFile = trigger({
  ${TRIGGER},
  config: { name: 'New Video Uploaded', parameters: { event: 'newFile', fileFilters: { type: 'video' } } }
});
// Each item has the file's url: Genviral → Post → Create with mediaSource 'url' and
// videoUrl: expr('{{ $json.url }}').
</pattern>
</patterns>`,
		},
	],
};
