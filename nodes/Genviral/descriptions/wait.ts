import type { INodeProperties } from 'n8n-workflow';

export interface WaitPropertiesOptions {
	/** The toggle's parameter name (`waitForCompletion`, `waitForPublish`, ...). */
	toggle: string;
	/** The toggle's shown name and description. */
	toggleDisplayName: string;
	toggleDescription: string;
	/** What the interval checks, for its description ("the post", "the refresh status"). */
	checks: string;
	pollIntervalDefault: number;
	maxWaitDefault: number;
	maxWaitMax: number;
	/** What happens to the job at Max Wait, for the description. */
	maxWaitDescription: string;
}

/**
 * The toggle, Poll Interval and Max Wait of an operation that waits for a job (the shared wait
 * loop in transport/wait.ts reads them). Poll Interval is never shorter than 50 ms nor longer
 * than an hour; Max Wait has the operation's own ceiling.
 */
export function waitProperties(options: WaitPropertiesOptions): INodeProperties[] {
	const shown = { show: { [options.toggle]: [true] } };
	const properties: INodeProperties[] = [
		{
			displayName: options.toggleDisplayName,
			name: options.toggle,
			type: 'boolean',
			default: false,
			description: options.toggleDescription,
			builderHint: {
				propertyHint:
					'Turn on when the next node needs the final result; the node then waits inside this step (bounded by maxWait). Do not add a Wait node and a polling loop for the same job.',
			},
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 0.05, maxValue: 3600, numberPrecision: 2 },
			default: 10,
			displayOptions: shown,
			description: `How long to wait between two checks of ${options.checks}`,
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWait',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: options.maxWaitMax },
			default: 300,
			displayOptions: shown,
			description: options.maxWaitDescription,
			builderHint: {
				propertyHint:
					'Seconds. Set it above the time the job can take (a scheduled post: until its time plus a few minutes); at Max Wait the node fails with the ID to read later, the job itself goes on.',
			},
		},
	];
	// Each operation has its own defaults (set here: n8n's lint wants a literal default above).
	properties[1].default = options.pollIntervalDefault;
	properties[2].default = options.maxWaitDefault;
	return properties;
}
