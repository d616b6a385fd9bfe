package io.geoingest.testing.infra;

import com.sun.security.auth.module.UnixSystem;

final class RunningAs {
    private RunningAs() {
    }

    static boolean root() {
        return new UnixSystem().getUid() == 0;
    }
}
