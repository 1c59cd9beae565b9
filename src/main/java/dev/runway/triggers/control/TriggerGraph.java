package dev.runway.triggers.control;

import dev.runway.flowruns.entity.StateType;
import dev.runway.platform.control.ProblemException;
import dev.runway.platform.entity.FieldError;
import dev.runway.triggers.entity.Trigger;
import dev.runway.triggers.entity.TriggerRequest;
import jakarta.json.JsonValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which stored deployment runs after which: an edge from each trigger's upstream to the deployment
 * that declares it. It resolves what a request's triggers name and refuses those that would close a
 * cycle, since a cycle (a deployment after itself, or A after B after A) would make runs for ever.
 */
public final class TriggerGraph {

  /** A stored deployment and the deployments its triggers name. */
  public record Node(UUID id, String flowName, String name, List<UUID> upstreams) {

    String label() {
      return flowName + "/" + name;
    }
  }

  private final Map<UUID, Node> nodes = new LinkedHashMap<>();

  private TriggerGraph(Collection<Node> stored) {
    stored.forEach(node -> nodes.put(node.id(), node));
  }

  public static TriggerGraph of(Collection<Node> stored) {
    return new TriggerGraph(stored);
  }

  /** The stored deployment {@code reference} names: its id, or {@code flowName/name}. */
  public Optional<UUID> resolve(String reference) {
    String ref = reference.strip();
    Optional<UUID> byId = parseId(ref).filter(nodes::containsKey);
    if (byId.isPresent()) {
      return byId;
    }
    return nodes.values().stream()
        .filter(node -> node.label().equals(ref))
        .map(Node::id)
        .findFirst();
  }

  /**
   * The stored form of the request's triggers for the deployment {@code self} (new or stored), each
   * upstream by id; a 400 problem naming {@code triggers[i].afterDeployment} for each that names no
   * stored deployment or would close a cycle, with the cycle in words. Requests must have passed
   * {@link TriggerValidator}.
   */
  public List<Trigger> link(
      UUID self, String flowName, String name, List<TriggerRequest> requests) {
    List<TriggerRequest> given = requests == null ? List.of() : requests;
    List<FieldError> errors = new ArrayList<>();
    List<Trigger> triggers = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String reference = given.get(i).afterDeployment();
      Optional<UUID> upstream =
          reference.strip().equals(flowName + "/" + name) ? Optional.of(self) : resolve(reference);
      if (upstream.isEmpty()) {
        errors.add(new FieldError(field(i), "names no deployment: " + reference));
      } else {
        triggers.add(stored(upstream.get(), given.get(i)));
      }
    }
    if (errors.isEmpty()) {
      errors.addAll(cycles(new Node(self, flowName, name, upstreams(triggers))));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return triggers;
  }

  /** An error for each of {@code me}'s upstreams that is {@code me} or runs after it. */
  private List<FieldError> cycles(Node me) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < me.upstreams().size(); i++) {
      String field = field(i);
      cycle(me, me.upstreams().get(i))
          .ifPresent(
              path ->
                  errors.add(
                      new FieldError(
                          field,
                          "would close a trigger cycle: " + path + " (each runs the next)")));
    }
    return errors;
  }

  private static List<UUID> upstreams(List<Trigger> triggers) {
    return triggers.stream().map(Trigger::afterDeployment).toList();
  }

  private static String field(int index) {
    return "triggers[" + index + "].afterDeployment";
  }

  /**
   * The cycle a new edge {@code upstream → me} closes, in words ({@code a/x → b/y → a/x}), if
   * {@code upstream} is {@code me} or runs after it, directly or through others.
   */
  Optional<String> cycle(Node me, UUID upstream) {
    Map<UUID, Node> graph = new HashMap<>(nodes);
    graph.put(me.id(), me);
    Map<UUID, List<UUID>> downstream = downstream(graph.values());
    Map<UUID, UUID> reachedFrom = new HashMap<>();
    Deque<UUID> queue = new ArrayDeque<>(List.of(me.id()));
    reachedFrom.put(me.id(), me.id());
    while (!queue.isEmpty()) {
      UUID at = queue.poll();
      if (at.equals(upstream)) {
        return Optional.of(words(graph, path(reachedFrom, me.id(), upstream), upstream));
      }
      for (UUID next : downstream.getOrDefault(at, List.of())) {
        if (reachedFrom.putIfAbsent(next, at) == null) {
          queue.add(next);
        }
      }
    }
    return Optional.empty();
  }

  private static Map<UUID, List<UUID>> downstream(Collection<Node> graph) {
    Map<UUID, List<UUID>> downstream = new HashMap<>();
    for (Node node : graph) {
      for (UUID upstream : node.upstreams()) {
        downstream.computeIfAbsent(upstream, k -> new ArrayList<>()).add(node.id());
      }
    }
    return downstream;
  }

  /** The deployments from {@code start} to {@code end}, both included, by the recorded steps. */
  private static List<UUID> path(Map<UUID, UUID> reachedFrom, UUID start, UUID end) {
    List<UUID> path = new ArrayList<>();
    for (UUID at = end; !at.equals(start); at = reachedFrom.get(at)) {
      path.add(0, at);
    }
    path.add(0, start);
    return path;
  }

  /** {@code upstream → start → … → upstream}, deployments by flowName/name. */
  private static String words(Map<UUID, Node> graph, List<UUID> path, UUID upstream) {
    List<UUID> cycle = new ArrayList<>(path);
    cycle.add(0, upstream);
    return cycle.stream().map(id -> graph.get(id).label()).collect(Collectors.joining(" → "));
  }

  private static Trigger stored(UUID upstream, TriggerRequest r) {
    List<StateType> states = r.onStates().stream().distinct().map(StateType::valueOf).toList();
    return new Trigger(
        upstream, states, r.parameters() == null ? JsonValue.EMPTY_JSON_OBJECT : r.parameters());
  }

  private static Optional<UUID> parseId(String text) {
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
