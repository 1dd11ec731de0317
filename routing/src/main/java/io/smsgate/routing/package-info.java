/**
 * Least-cost routing as pure decisions: rate cards and their CSV import, longest-prefix pricing with number
 * portability, per-account policies, live carrier health with circuit breakers, failover, and explanations.
 * No I/O; time is passed in.
 *
 * <p>How the server uses it:
 * <ul>
 *   <li>Build a {@link io.smsgate.routing.RoutingSnapshot} from configuration (carriers, {@link
 *       io.smsgate.routing.RateCard}s, e.g. from {@link io.smsgate.routing.RateDeckCsv}, numbering plan, ported
 *       numbers, {@link io.smsgate.routing.AccountPolicy} per account or group) and hand it to one
 *       {@link io.smsgate.routing.Router}; later changes go through {@link io.smsgate.routing.Router#replace}.</li>
 *   <li>Feed {@link io.smsgate.routing.HealthBoard} with bind changes, submit results and receipts, and call
 *       {@link io.smsgate.routing.HealthBoard#advance} about once per bucket.</li>
 *   <li>Per message, {@link io.smsgate.routing.Router#decide} gives a {@link io.smsgate.routing.RoutePlan}: routes
 *       to try, or a {@link io.smsgate.routing.RoutePlan.Reason} to map to a command_status and an HTTP problem.</li>
 *   <li>Keep a {@link io.smsgate.routing.RouteAttempts} with the message and, after each failed attempt, ask
 *       {@link io.smsgate.routing.Router#failover} for the next step.</li>
 *   <li>{@link io.smsgate.routing.Router#explain} answers the admin API's "why this route".</li>
 * </ul>
 */
package io.smsgate.routing;
