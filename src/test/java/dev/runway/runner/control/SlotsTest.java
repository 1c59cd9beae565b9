package dev.runway.runner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlotsTest {

  @Test
  void aNewNodeHasAllSlotsFree() {
    Slots slots = new Slots(3);

    assertEquals(3, slots.limit());
    assertEquals(3, slots.available());
    assertEquals(0, slots.taken());
  }

  @Test
  void noMoreSlotsThanTheLimitCanBeTaken() {
    Slots slots = new Slots(2);

    assertTrue(slots.tryAcquire());
    assertTrue(slots.tryAcquire());
    assertFalse(slots.tryAcquire());

    assertEquals(0, slots.available());
    assertEquals(2, slots.taken());
  }

  @Test
  void aReleasedSlotCanBeTakenAgain() {
    Slots slots = new Slots(1);
    assertTrue(slots.tryAcquire());

    slots.release();

    assertEquals(1, slots.available());
    assertTrue(slots.tryAcquire());
    assertEquals(1, slots.taken());
  }
}
