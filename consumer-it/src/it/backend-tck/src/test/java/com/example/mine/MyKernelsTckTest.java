package com.example.mine;

import org.vecnn.Backend;
import org.vecnn.tck.BackendTck;

public class MyKernelsTckTest extends BackendTck {    // public: see "Surefire" below
    @Override protected String backendName() { return "mine"; }
    @Override protected Backend createBackend() { return Backend.of("mine", new MyKernels()); }
}
