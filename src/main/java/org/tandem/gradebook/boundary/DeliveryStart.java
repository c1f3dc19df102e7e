package org.tandem.gradebook.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Starts grade delivery once the web application serves: servlets that load on start-up are
 * initialised in the order of their number, and this one comes after the JAX-RS servlet (1), so
 * when it runs Tandem's JWKS, which every LMS fetches to check Tandem's token requests, is about
 * to answer. It serves nothing itself.
 */
@WebServlet(urlPatterns = "/gradebook/delivery-start", loadOnStartup = 100)
public class DeliveryStart extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient DeliveryWorker worker;

    @Override
    public void init() {
        worker.serving();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
