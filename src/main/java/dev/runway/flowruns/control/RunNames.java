package dev.runway.flowruns.control;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Names a run so that an operator can say it aloud: an adjective and an animal. Uniqueness is not
 * promised (ids are); 80 × 80 names make a clash among a day's runs of one deployment unlikely.
 */
public final class RunNames {

  private static final List<String> ADJECTIVES =
      List.of(
          "amber",
          "agile",
          "ancient",
          "arctic",
          "azure",
          "bold",
          "brave",
          "brisk",
          "bronze",
          "calm",
          "clever",
          "cobalt",
          "coral",
          "cosmic",
          "crimson",
          "curious",
          "daring",
          "dapper",
          "dusty",
          "eager",
          "electric",
          "emerald",
          "fancy",
          "fearless",
          "fiery",
          "gentle",
          "gilded",
          "glossy",
          "golden",
          "grand",
          "happy",
          "hidden",
          "humble",
          "icy",
          "indigo",
          "jolly",
          "keen",
          "lively",
          "lucky",
          "lunar",
          "magic",
          "mellow",
          "merry",
          "misty",
          "modest",
          "noble",
          "nimble",
          "olive",
          "orange",
          "patient",
          "polar",
          "proud",
          "quick",
          "quiet",
          "rapid",
          "rustic",
          "sandy",
          "scarlet",
          "shiny",
          "silent",
          "silver",
          "sleek",
          "smart",
          "snowy",
          "solar",
          "spry",
          "steady",
          "stellar",
          "stormy",
          "sunny",
          "swift",
          "tidy",
          "tranquil",
          "vivid",
          "warm",
          "wild",
          "wise",
          "witty",
          "zany",
          "zealous");

  private static final List<String> ANIMALS =
      List.of(
          "otter", "badger", "beaver", "bison", "bobcat", "camel", "caribou", "cheetah", "cobra",
          "condor", "cougar", "coyote", "crane", "dingo", "dolphin", "donkey", "eagle", "elk",
          "falcon", "ferret", "finch", "fox", "gazelle", "gecko", "gibbon", "goose", "gopher",
          "heron", "hippo", "hornet", "husky", "ibex", "iguana", "impala", "jackal", "jaguar",
          "koala", "lemur", "leopard", "llama", "lynx", "magpie", "mammoth", "marmot", "marten",
          "meerkat", "mink", "moose", "narwhal", "newt", "ocelot", "oriole", "osprey", "owl",
          "panda", "panther", "parrot", "pelican", "penguin", "puffin", "python", "quail", "rabbit",
          "raven", "salmon", "seal", "shrew", "sloth", "sparrow", "stork", "swan", "tapir", "tiger",
          "toucan", "turtle", "viper", "walrus", "weasel", "wombat", "yak");

  private RunNames() {}

  public static String next(RandomGenerator random) {
    return ADJECTIVES.get(random.nextInt(ADJECTIVES.size()))
        + "-"
        + ANIMALS.get(random.nextInt(ANIMALS.size()));
  }
}
