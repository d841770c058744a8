# The app servers behind Varnish (docker-compose.yml's two replicas). `npm run cluster`
# writes its own version of this file, one backend per instance.
backend app1 {
    .host = "app1";
    .port = "3000";
    .probe = { .url = "/api/health"; .interval = 5s; .timeout = 2s; .window = 5; .threshold = 3; }
}

backend app2 {
    .host = "app2";
    .port = "3000";
    .probe = { .url = "/api/health"; .interval = 5s; .timeout = 2s; .window = 5; .threshold = 3; }
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}
