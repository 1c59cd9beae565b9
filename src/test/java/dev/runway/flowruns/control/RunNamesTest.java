package dev.runway.flowruns.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunNamesTest {

  @Test
  void aNameIsAnAdjectiveAndAnAnimalInLowerCase() {
    String name = RunNames.next(new Random(1));

    assertTrue(name.matches("[a-z]+-[a-z]+"), name);
  }

  @Test
  void theSameSeedGivesTheSameNames() {
    Random a = new Random(42);
    Random b = new Random(42);

    for (int i = 0; i < 20; i++) {
      assertEquals(RunNames.next(a), RunNames.next(b));
    }
  }

  @Test
  void namesVaryEnoughToTellRunsApart() {
    Random random = new Random(7);
    Set<String> names = new HashSet<>();

    for (int i = 0; i < 200; i++) {
      names.add(RunNames.next(random));
    }

    assertTrue(names.size() > 150, "only " + names.size() + " distinct names in 200");
  }
}
