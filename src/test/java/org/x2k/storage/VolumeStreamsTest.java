package org.x2k.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.PointerType;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.StorageVol;

/**
 * The streams reach libvirt's C objects through fields of the Java binding that it does not expose:
 * a binding upgrade that renames them fails here, not in a copy.
 */
class VolumeStreamsTest {
  @Test
  void theBindingKeepsItsCObjectsWhereX2kLooks() throws NoSuchFieldException {
    assertTrue(PointerType.class.isAssignableFrom(Connect.class.getDeclaredField("vcp").getType()));
    assertTrue(
        PointerType.class.isAssignableFrom(StorageVol.class.getDeclaredField("vsvp").getType()));
  }
}
