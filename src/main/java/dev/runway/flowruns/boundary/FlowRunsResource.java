package dev.runway.flowruns.boundary;

import dev.runway.flowruns.control.FlowRuns;
import dev.runway.flowruns.control.LogStore;
import dev.runway.flowruns.entity.FlowRunView;
import dev.runway.flowruns.entity.LogLineView;
import dev.runway.flowruns.entity.RunFilter;
import dev.runway.flowruns.entity.State;
import dev.runway.flowruns.entity.StateType;
import dev.runway.platform.control.Ids;
import dev.runway.platform.control.Paging;
import dev.runway.platform.control.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

  @Inject LogStore logs;

  @GET
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
    return Response.ok(runs).header("X-Total-Count", flowRuns.count(filter)).build();
  }

  @GET
  @Path("{id}")
  public FlowRunView get(@PathParam("id") String id) {
    return FlowRunView.of(flowRuns.get(Ids.path("Flow run", id)));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    flowRuns.delete(Ids.path("Flow run", id));
    return Response.noContent().build();
  }

  @GET
  @Path("{id}/states")
  public List<State> states(@PathParam("id") String id) {
    return flowRuns.history(Ids.path("Flow run", id));
  }

  @GET
  @Path("{id}/logs")
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
