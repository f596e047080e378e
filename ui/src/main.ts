import { mount } from "svelte";
import App from "./App.svelte";
import "@fontsource/opendyslexic/400.css";
import "@fontsource/opendyslexic/400-italic.css";
import "@fontsource/opendyslexic/700.css";
import "./app.css";

mount(App, { target: document.getElementById("app")! });
