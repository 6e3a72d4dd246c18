import type * as z from 'zod/mini';
import { OpenDisputeRequest, SellerResponse } from '../dispute.js';
import { ROUTES, type Route } from './http.js';
import {
  CounterAnswer,
  DecisionRequest,
  EscalateRequest,
  PhotoUploadRequest,
  RatingRequest,
  SettlementRetryRequest,
  WithdrawRequest,
} from './requests.js';

/**
 * One operation of the contract: its route (method, path with `{orderId}` to fill in, the roles
 * whose tokens may call it, the schema of the JSON it answers with, its success status) and the
 * schema of the JSON body it takes (`null` for none or for a file). The client, the reference
 * backend, the JSON Schemas and docs/backend-contract.md all read this table, so a path or a shape
 * is written down once.
 */
export interface Endpoint<Body extends z.ZodMiniType | null, Result extends z.ZodMiniType> extends Route<Result> {
  readonly body: Body;
}

type RouteName = keyof typeof ROUTES;

function endpoint<N extends RouteName, Body extends z.ZodMiniType | null>(
  name: N,
  body: Body,
): Endpoint<Body, (typeof ROUTES)[N]['result']> {
  const { method, path, roles, result, status } = ROUTES[name];
  return Object.freeze({ method, path, roles, body, result, status });
}

/** Every operation of the contract, by name: its route from `ROUTES`, with its request body. */
export const ENDPOINTS = Object.freeze({
  getContext: endpoint('getContext', null),
  openDispute: endpoint('openDispute', OpenDisputeRequest),
  getDispute: endpoint('getDispute', null),
  /** The body is `multipart/form-data`, not JSON. */
  uploadPhoto: endpoint('uploadPhoto', null),
  requestPhotoUpload: endpoint('requestPhotoUpload', PhotoUploadRequest),
  respond: endpoint('respond', SellerResponse),
  answerCounter: endpoint('answerCounter', CounterAnswer),
  withdraw: endpoint('withdraw', WithdrawRequest),
  escalate: endpoint('escalate', EscalateRequest),
  decide: endpoint('decide', DecisionRequest),
  retrySettlement: endpoint('retrySettlement', SettlementRetryRequest),
  rate: endpoint('rate', RatingRequest),
});
export type EndpointName = keyof typeof ENDPOINTS;
