package com.example.mine;

import org.vecnn.spi.Availability;
import org.vecnn.spi.BackendProvider;
import org.vecnn.spi.Kernels;

public final class MyProvider implements BackendProvider {
    public String name() { return "mine"; }
    public int priority() { return 1; }                       // loops is 0; higher wins the default
    public Availability probe() { return Availability.available("plain Java"); }   // never throws
    public Kernels create() { return new MyKernels(); }
}
