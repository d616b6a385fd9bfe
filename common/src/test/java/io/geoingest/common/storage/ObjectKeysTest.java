package io.geoingest.common.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ObjectKeysTest {

    @Test
    void aNameKeepsItsExtensionWhenNothingBeforeItCanBeKept() {
        assertEquals("file.tif", ObjectKeys.safeName("文😀.tif"));
        assertEquals("file.tar.gz", ObjectKeys.safeName("東京.tar.gz"));
        assertEquals("file.bashrc", ObjectKeys.safeName(".bashrc"));
        assertEquals("scene.tif", ObjectKeys.safeName("scène.tif"));
    }

    @Test
    void noNameReachesOutsideItsFolderOrCarriesControlCharacters() {
        assertEquals("passwd", ObjectKeys.safeName("../../etc/passwd"));
        assertEquals("file", ObjectKeys.safeName(".."));
        assertEquals("file", ObjectKeys.safeName(null));
        assertEquals("a_b.tif", ObjectKeys.safeName("a\u0000\nb.tif"));
        assertEquals("evil.tif", ObjectKeys.safeName("C:\\temp\\..\\evil.tif"));
        String longName = ObjectKeys.safeName("x".repeat(1000) + ".tif");
        assertTrue(longName.length() <= 200 && longName.endsWith(".tif"), longName);
    }
}
