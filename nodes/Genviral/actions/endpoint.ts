import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { simplifyProperties } from '../descriptions/simplify';
import { readParameters } from '../helpers/parameters';
import { returnAllOrLimit } from '../descriptions/pagination';
import type { PaginationStyle, RetryPolicy } from '../transport';
import { expectArray, expectObject, genviralApiRequest, genviralPaginate } from '../transport';
import type { GenviralOperation } from './node.type';

/**
 * Where a request field comes from: a parameter (`'name'`), an option of a collection
 * (`'additionalFields.alias'`), or every option set in a collection (`'filters.*'`, each sent
 * under its own name, converted to snake_case unless the declaration says `fieldCase: 'asIs'`).
 * A plain string sends the parameter under its own name; a pair names the API field.
 */
export type FieldSource = string | [apiField: string, source: string];

export type EndpointOutput =
	/** One item: `data`, or `data[key]`. */
	| { kind: 'object'; key?: string }
	/**
	 * One item per row of `data` (a bare list) or `data[key]`, in one request. With
	 * `clientLimit` the list gets Return All / Limit, applied here (the API sends it whole).
	 */
	| { kind: 'list'; key?: string; clientLimit?: boolean }
	/** One item per row, walked page by page; adds Return All / Limit. */
	| {
			kind: 'paged';
			style: PaginationStyle;
			key: string;
			pageSize: number;
			/** The highest Limit the editor offers (the API's reach). */
			maxLimit?: number;
			offsetCap?: number;
			timeField?: string;
	  };

export interface EndpointDeclaration {
	method: IHttpRequestMethods;
	/** As the reference writes it; each `{name}` is read from the parameter of that name. */
	path: string;
	properties?: INodeProperties[];
	query?: FieldSource[];
	body?: FieldSource[];
	/** Values sent whatever the parameters say. */
	fixed?: { query?: IDataObject; body?: IDataObject };
	/** How collection spreads name API fields (most of the API is snake_case). */
	fieldCase?: 'snake' | 'asIs';
	/** Defaults to `idempotent` for GET and `never` otherwise (see RetryPolicy). */
	retry?: RetryPolicy;
	output: EndpointOutput;
	/** Rows or object as the user sees them (e.g. a flat row); the API's shape otherwise. */
	transform?: (value: IDataObject, parameters: IDataObject) => IDataObject;
	/**
	 * For outputs of more than about ten fields: adds n8n's Simplify switch (on by default as an
	 * AI Agent tool) and, when it is on, keeps what this returns (the fields people map most).
	 */
	simplify?: (value: IDataObject) => IDataObject;
}

/**
 * The output of every delete, n8n's convention: `{ deleted: true, id }`, the ID being the one
 * the user asked to delete (read from `idParameter`), whatever the API's success payload holds.
 */
export function deletedOutput(
	idParameter: string,
): (value: IDataObject, parameters: IDataObject) => IDataObject {
	return (_value, parameters) => ({ deleted: true, id: parameters[idParameter] as string });
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The request fields of a declaration, from the parameters read for an item. */
export function collectFields(
	sources: FieldSource[] | undefined,
	values: IDataObject,
	fieldCase: 'snake' | 'asIs' = 'snake',
): IDataObject | undefined {
	if (sources === undefined) return undefined;
	const fields: IDataObject = {};
	for (const source of sources) {
		const [apiField, path] = typeof source === 'string' ? [undefined, source] : source;
		const [name, option] = path.split('.');
		if (option === '*') {
			const collection = (values[name] ?? {}) as IDataObject;
			for (const [key, value] of Object.entries(collection)) {
				if (value !== undefined) fields[fieldCase === 'snake' ? snakeCase(key) : key] = value;
			}
			continue;
		}
		const value =
			option === undefined ? values[name] : ((values[name] ?? {}) as IDataObject)[option];
		if (value !== undefined) fields[apiField ?? option ?? name] = value;
	}
	return fields;
}

function withFixed(
	fields: IDataObject | undefined,
	fixed: IDataObject | undefined,
): IDataObject | undefined {
	return fixed === undefined ? fields : { ...fixed, ...fields };
}

/** `/packs/{packId}` with the checked parameter values, each segment encoded. */
export function fillPath(
	ctx: IExecuteFunctions,
	path: string,
	values: IDataObject,
	itemIndex: number,
): string {
	return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const value = values[name];
		if (value === undefined || value === null || value === '') {
			// A declaration bug, not a user error: the reader already refused empty required IDs.
			throw new NodeOperationError(
				ctx.getNode(),
				`Missing path parameter "${name}" [item ${itemIndex}]`,
				{ itemIndex },
			);
		}
		return encodeURIComponent(String(value as string));
	});
}

/** Runs that have shown the crowded-instant warning already (one per run, not per item). */
const warnedRuns = new WeakSet<IExecuteFunctions>();

/**
 * A time-window list (no offset) cannot page within one instant: when more rows share one
 * than a page holds, the walk goes on past it, and the run says which rows may be missing.
 */
function warnCrowdedInstants(
	ctx: IExecuteFunctions,
	endpointName: string,
	pageSize: number,
	instants: string[],
): void {
	if (warnedRuns.has(ctx)) return;
	warnedRuns.add(ctx);
	const shown =
		instants.slice(0, 3).join(', ') +
		(instants.length > 3 ? ` and ${instants.length - 3} more` : '');
	ctx.addExecutionHints({
		message: `${pageSize} or more rows share one creation time (${shown}), and ${endpointName} cannot page within one instant: ${pageSize} of them were returned, any others on that instant are missing. Filter by Status to split them.`,
		type: 'warning',
		location: 'outputPane',
	});
}

/**
 * An endpoint as data: a declaration becomes an operation (its parameters, and the code that
 * reads them, sends the request and shapes the output). Operations with real logic of their
 * own (uploads, waits, several calls) are written by hand and may still use the parts above.
 */
export function endpoint(declaration: EndpointDeclaration): GenviralOperation {
	const { method, path, output } = declaration;
	const paged = output.kind === 'paged' ? output : undefined;
	const limited = paged !== undefined || (output.kind === 'list' && output.clientLimit === true);
	const properties = [
		...(declaration.properties ?? []),
		...(limited ? returnAllOrLimit({ maxLimit: paged?.maxLimit }) : []),
		...(declaration.simplify ? simplifyProperties : []),
	];
	return {
		description: properties,
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
		): Promise<IDataObject | IDataObject[]> {
			const values = readParameters(this, properties, itemIndex);
			const filledPath = fillPath(this, path, values, itemIndex);
			const endpointName = `${method} ${path}`;
			const qs = withFixed(
				collectFields(declaration.query, values, declaration.fieldCase),
				declaration.fixed?.query,
			);
			const body = withFixed(
				collectFields(declaration.body, values, declaration.fieldCase),
				declaration.fixed?.body,
			);
			const simplified =
				declaration.simplify !== undefined && values.simplify === true
					? declaration.simplify
					: undefined;
			const transform = (value: IDataObject) => {
				const shaped = declaration.transform ? declaration.transform(value, values) : value;
				return simplified ? simplified(shaped) : shaped;
			};

			if (paged) {
				const { rows, crowdedInstants } = await genviralPaginate.call(this, {
					style: paged.style,
					path: filledPath,
					qs,
					itemIndex,
					maxItems: values.returnAll === true ? Number.POSITIVE_INFINITY : (values.limit as number),
					pageSize: paged.pageSize,
					rowsKey: paged.key,
					offsetCap: paged.offsetCap,
					timeField: paged.timeField,
				});
				if (crowdedInstants !== undefined)
					warnCrowdedInstants(this, endpointName, paged.pageSize, crowdedInstants);
				return rows.map(transform);
			}

			const data = await genviralApiRequest.call(this, {
				method,
				path: filledPath,
				qs,
				body,
				itemIndex,
				retry: declaration.retry,
			});
			if (output.kind === 'list') {
				const list =
					output.key === undefined
						? data
						: expectObject(this, data, endpointName, itemIndex)[output.key];
				const rows = expectArray(this, list, endpointName, itemIndex, output.key ?? 'data');
				return (
					limited && values.returnAll !== true ? rows.slice(0, values.limit as number) : rows
				).map(transform);
			}
			const object = expectObject(this, data, endpointName, itemIndex);
			return transform(
				output.key === undefined
					? object
					: expectObject(this, object[output.key], endpointName, itemIndex, output.key),
			);
		},
	};
}
