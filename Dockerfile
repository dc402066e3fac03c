# syntax=docker/dockerfile:1

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist dist
USER node
# The API by default; compose runs the worker (dist/worker/main.js) and migrations (dist/scripts/migrate.js).
EXPOSE 3000
CMD ["node", "dist/api/server.js"]
