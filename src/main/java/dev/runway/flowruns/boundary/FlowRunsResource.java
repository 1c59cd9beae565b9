package dev.runway.flowruns.boundary;

import dev.runway.flowruns.control.FlowRuns;
import dev.runway.flowruns.control.LogStore;
import dev.runway.flowruns.control.RunTotals;
import dev.runway.flowruns.control.StateRequests;
import dev.runway.flowruns.entity.FlowRun;
import dev.runway.flowruns.entity.FlowRunView;
import dev.runway.flowruns.entity.LogLineView;
import dev.runway.flowruns.entity.RunFilter;
import dev.runway.flowruns.entity.State;
import dev.runway.flowruns.entity.StateRequest;
import dev.runway.flowruns.entity.StateType;
import dev.runway.platform.boundary.RunTokenAllowed;
import dev.runway.platform.control.Ids;
import dev.runway.platform.control.Paging;
import dev.runway.platform.control.ProblemException;
import dev.runway.platform.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Flow runs: list, read, delete, state history and logs. */
@Path("flow-runs")
@Produces(MediaType.APPLICATION_JSON)
public class FlowRunsResource {

  static final int DEFAULT_LOG_LIMIT = 1000;
  static final int MAX_LOG_LIMIT = 10_000;

  @Inject FlowRuns flowRuns;

  @Inject RunTotals totals;

  @Inject LogStore logs;

  @Inject Clock clock;

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
  public Response list(
      @QueryParam("deploymentId") String deploymentId,
      @QueryParam("flowName") String flowName,
      @QueryParam("stateType") List<String> stateTypes,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    Paging page = Paging.of(offset, limit);
    RunFilter filter =
        new RunFilter(
            Ids.query("deploymentId", deploymentId),
            flowName,
            types(stateTypes),
            instant("since", since),
            instant("until", until));
    List<FlowRunView> runs = flowRuns.list(filter, page).stream().map(FlowRunView::of).toList();
    long total = totals.total(filter, () -> flowRuns.count(filter));
    return Response.ok(runs).header("X-Total-Count", total).build();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
  @RunTokenAllowed
  public FlowRunView get(@PathParam("id") String id) {
    return FlowRunView.of(flowRuns.get(Ids.path("Flow run", id)));
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed(Roles.ADMIN)
  public Response delete(@PathParam("id") String id) {
    flowRuns.delete(Ids.path("Flow run", id));
    totals.runsChanged();
    return Response.noContent().build();
  }

  /** 202: the run is CANCELLED already, or CANCELLING until its node has ended its process. */
  @POST
  @Path("{id}/cancel")
  @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
  public Response cancel(@PathParam("id") String id, @Context SecurityContext caller) {
    String who =
        caller.getUserPrincipal() == null ? "an operator" : caller.getUserPrincipal().getName();
    FlowRun run = flowRuns.cancel(Ids.path("Flow run", id), "Cancelled by " + who);
    return Response.accepted(FlowRunView.of(run)).build();
  }

  @GET
  @Path("{id}/states")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
  public List<State> states(@PathParam("id") String id) {
    return flowRuns.history(Ids.path("Flow run", id));
  }

  @GET
  @Path("{id}/logs")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
  public List<LogLineView> logs(
      @PathParam("id") String id,
      @QueryParam("after") Long after,
      @QueryParam("limit") Integer limit) {
    UUID runId = Ids.path("Flow run", id);
    flowRuns.get(runId);
    int max = limit == null ? DEFAULT_LOG_LIMIT : limit;
    if (max < 1 || max > MAX_LOG_LIMIT) {
      throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LOG_LIMIT);
    }
    return logs.read(runId, after == null ? 0 : after, max).stream().map(LogLineView::of).toList();
  }

  /** 201 with the new state when the state rules allow it, 409 with their reason when not. */
  @POST
  @Path("{id}/state")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
  @RunTokenAllowed
  public Response setState(
      @PathParam("id") String id, StateRequest request, @Context SecurityContext caller) {
    State next = StateRequests.toState(request, clock.instant());
    boolean force = request.force() != null && request.force();
    if (force && caller.isUserInRole(Roles.RUN)) {
      throw new ProblemException(
          403, "Forbidden", "A run's own token cannot force a state", List.of());
    }
    FlowRun run = flowRuns.propose(Ids.path("Flow run", id), next, force);
    return Response.status(Response.Status.CREATED).entity(run.state()).build();
  }

  private static Set<StateType> types(List<String> names) {
    if (names == null || names.isEmpty()) {
      return null;
    }
    Set<StateType> types = EnumSet.noneOf(StateType.class);
    for (String name : names) {
      try {
        types.add(StateType.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid(
            "stateType", name + " is not one of " + List.of(StateType.values()));
      }
    }
    return types;
  }

  private static Instant instant(String field, String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(field, "must be an ISO-8601 timestamp with offset");
    }
  }
}
